"""`ausweg serve`: the web app under uvicorn, on 127.0.0.1:8000 unless told otherwise.

uvicorn's own access log is off: it would print query strings and client addresses. ausweg's
access log prints only method, path, status and time (`ausweg.web.security.Guard`).

With several workers each gets its own listening socket on the same port (SO_REUSEPORT), so
the kernel spreads connections evenly; with one shared socket one worker tends to take most.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import socket
from typing import Any

FACTORY = "ausweg.web.app:create_app"


def log_config(access: bool) -> dict[str, Any]:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(levelname)s %(name)s: %(message)s"}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"}},
        "loggers": {
            "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "uvicorn.access": {"handlers": [], "level": "CRITICAL", "propagate": False},
            "ausweg.web": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
            "ausweg.web.access": {"handlers": ["stderr"] if access else [], "level": "INFO" if access else "CRITICAL",
                                  "propagate": False},
        },
    }


def _config(args: argparse.Namespace) -> Any:
    import uvicorn

    return uvicorn.Config(FACTORY, factory=True, host=args.host, port=args.port, access_log=False,
                          server_header=False, date_header=False, log_config=log_config(not args.no_access_log),
                          proxy_headers=False, h11_max_incomplete_event_size=16 * 1024, backlog=4096)


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(4096)
    sock.set_inheritable(True)
    return sock


def _worker(args: argparse.Namespace) -> None:
    import uvicorn

    sock = _listening_socket(args.host, args.port)
    uvicorn.Server(_config(args)).run(sockets=[sock])


def _run_workers(args: argparse.Namespace) -> None:
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_worker, args=(args,), daemon=False) for _ in range(args.workers)]
    for process in workers:
        process.start()

    def stop(*_: object) -> None:
        for process in workers:
            if process.pid:
                os.kill(process.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for process in workers:
        process.join()


def serve_command(args: argparse.Namespace) -> int:
    import uvicorn

    if args.knowledge:
        os.environ["AUSWEG_KNOWLEDGE_DIR"] = os.path.abspath(args.knowledge)  # for the worker processes too
    from ausweg.engine.assess import bundled_knowledge

    bundled_knowledge()  # check (and cache) the knowledge base before listening
    host = "[" + args.host + "]" if ":" in args.host else args.host
    print(f"ausweg: open http://{host}:{args.port}/ru/ (stop with Ctrl-C)", flush=True)
    if args.workers > 1 and hasattr(socket, "SO_REUSEPORT"):
        _run_workers(args)
    else:
        uvicorn.Server(_config(args)).run()
    return 0
