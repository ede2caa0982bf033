"""Every interface text exists in English, Russian and German, with the same placeholders."""

from __future__ import annotations

import re

from ausweg.countries import LANGUAGES, country_name
from ausweg.i18n import catalogue, t
from ausweg.knowledge.profile_schema import profile_fields


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    english = catalogue("en")
    for lang in LANGUAGES:
        assert set(catalogue(lang)) == set(english), (lang, set(english) ^ set(catalogue(lang)))
        for key, text in english.items():
            assert set(re.findall(r"{(\w+)}", catalogue(lang)[key])) == set(re.findall(r"{(\w+)}", text)), (lang, key)


def test_every_profile_question_and_answer_is_translated() -> None:
    for path, spec in profile_fields().items():
        for lang in LANGUAGES:
            assert f"q.{path}" in catalogue(lang)
            for value in spec.values:
                assert f"value.{value}" in catalogue(lang), (lang, value)


def test_country_names_come_from_cldr() -> None:
    assert country_name("AM", "ru") == "Армения"
    assert country_name("AM", "de") == "Armenien"
    assert t("rating.not_realistic", "ru") == "нереально"
