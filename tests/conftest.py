"""Shared fixtures: the bundled knowledge base, loaded once per test session."""

from __future__ import annotations

import pytest

from ausweg.knowledge.base import Knowledge


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    from ausweg.engine.assess import bundled_knowledge

    return bundled_knowledge()
