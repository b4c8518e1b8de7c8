"""The ``newsprism`` command line: thin wrappers over the library.

Exit status: 0 when every input succeeded, 1 when some inputs failed (each named on
stderr, the others still processed), 2 for usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from . import __version__, service, settings
from .errors import InputError, NewsprismError, UsageError
from .model import Analysis, Article

EVAL_TASKS = ("quotes", "figures", "framing", "stories")
EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="PATH",
        help="files (text, HTML, JSONL, RSS/Atom, WARC/ARC), directories, globs, "
        "http(s):// URLs, or - for stdin",
    )
    p.add_argument("--outlet", help="outlet name for every input (overrides metadata)")
    p.add_argument(
        "--published", help="publication date YYYY-MM-DD for every input (overrides metadata)"
    )
    p.add_argument(
        "--max-bytes",
        type=int,
        default=None,
        help="size limit per document: a whole text/HTML/feed file, one JSONL line or one "
        f"WARC record (default {settings.get('ingest', 'max_bytes'):,} bytes)",
    )
    p.add_argument(
        "--workers", type=int, default=1, help="parse in N processes (nlp.pipe n_process)"
    )


def _add_db_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--db", default="newsprism.db", help="SQLite store (default ./newsprism.db)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsprism",
        description="One news story as every outlet tells it: quotes, figures, framing and "
        "omissions, each pointing at the exact words in the source.",
    )
    parser.add_argument("--version", action="version", version=f"newsprism {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("analyze", help="analyse articles and print what each says")
    _add_input_options(p)
    p.add_argument(
        "--format",
        choices=("text", "jsonl", "json"),
        default="text",
        help="text: coloured terminal summary; jsonl: one JSON object per article "
        "(docs/FORMAT.md); json: one JSON array",
    )

    p = sub.add_parser(
        "add", help="analyse articles and add them to the store, grouped into stories"
    )
    _add_input_options(p)
    _add_db_option(p)

    p = sub.add_parser(
        "reanalyze",
        help="re-analyse stored articles analysed by an older pipeline version",
        description="Each stored analysis records the pipeline version that made it. After "
        "an upgrade that changes what the extractors find, reanalyze re-runs the pipeline on "
        "the older ones (their stories are kept; run 'newsprism regroup' to re-place them).",
    )
    _add_db_option(p)
    p.add_argument("--workers", type=int, default=1, help="parse in N processes")

    p = sub.add_parser(
        "regroup",
        help="re-place every stored article against the whole store (after a large import)",
        description="Incremental grouping decides with the store as it was when each article "
        "arrived. regroup takes every article out of its story in insertion order and places "
        "it again against the whole store, then merges stories that report one event; it "
        "reads every article, so run it after a large import, not after each add. This is "
        "the grouping 'newsprism eval stories' measures.",
    )
    _add_db_option(p)
    p.add_argument("--passes", type=int, default=None,
                   help="passes over the store (default: [stories] regroup_passes)")

    p = sub.add_parser("stories", help="list the stories in the store, newest first")
    _add_db_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser("story", help="show one story: its articles and why they were grouped")
    p.add_argument("story_id", metavar="ID")
    _add_db_option(p)
    p.add_argument("--format", choices=("text", "json"), default="text")

    p = sub.add_parser(
        "compare",
        help="compare articles side by side: figures, quotes, framing, omissions, timeline",
        description="Compare a story (ID), stored articles (IDs) or files/URLs (analysed on "
        "the fly and grouped into stories and threads).",
    )
    p.add_argument("refs", nargs="+", metavar="PATH-or-ID")
    _add_db_option(p)
    p.add_argument("--outlet", help="outlet name for every file input")
    p.add_argument("--published", help="publication date for every file input")
    p.add_argument("--max-bytes", type=int, default=None, help="size limit per document")
    p.add_argument("--workers", type=int, default=1, help="parse in N processes")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report")

    p = sub.add_parser("serve", help="browse stories in a web app (loopback only by default)")
    _add_db_option(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")

    p = sub.add_parser(
        "eval",
        help="measure accuracy on a gold benchmark (docs/EVALUATION.md)",
        description="Measure accuracy on a gold benchmark, newsprism and an anchor tool side "
        "by side. 'newsprism eval TASK --help' lists each task's options.",
    )
    p.add_argument("task", choices=EVAL_TASKS, help="what to evaluate")
    p.add_argument("task_args", nargs=argparse.REMAINDER, help="the task's own options")
    return parser


def _eval_module(task: str):  # -> module with add_arguments / run
    return importlib.import_module(f".evaluate.{task}", __package__)


def _report_error(error: InputError) -> None:
    _err.print(f"[bold red]error[/] {escape(str(error))}", highlight=False)


def _inputs(args: argparse.Namespace, inputs: Sequence[str]) -> Iterator[Article | InputError]:
    return service.ingest(
        inputs, outlet=args.outlet, published=args.published, max_bytes=args.max_bytes
    )


_err = Console(stderr=True, soft_wrap=True)
_out = Console(soft_wrap=True)


def cmd_analyze(args: argparse.Namespace) -> int:
    from .pipeline import analyze
    from .report import jsonout, progress, terminal

    errors: list[InputError] = []
    articles = service.split_errors(_inputs(args, args.inputs), errors, _report_error)
    analyses: Iterator[Analysis] = analyze(articles, workers=args.workers)
    out = Console(soft_wrap=args.format != "text")
    with progress.track(analyses, console=_err) as stream:
        if args.format == "jsonl":
            jsonout.write_jsonl(stream, sys.stdout)
        elif args.format == "json":
            jsonout.write_json(stream, sys.stdout)
        else:
            for analysis in stream:
                terminal.render_analysis(analysis, out)
    if errors:
        _err.print(f"{len(errors)} input(s) failed; the others were analysed.")
    return EXIT_SOME_FAILED if errors else EXIT_OK


def cmd_add(args: argparse.Namespace) -> int:
    from .report import progress
    from .store import open_store

    if args.db != ":memory:":
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    store = open_store(args.db)
    try:
        errors: list[InputError] = []
        stream = service.split_errors(_inputs(args, args.inputs), errors, _report_error)
        with progress.track(analyze_stream(stream, args.workers), console=_err) as analyses:
            report = service.store_analyses(store, analyses)
        report.errors = errors
    finally:
        store.close()
    _out.print(
        f"added {len(report.added)} article(s) to {args.db} "
        f"in {len(report.stories)} story(ies); {len(report.duplicates)} duplicate(s) skipped"
        + (f"; {len(errors)} input(s) failed" if errors else ""),
        highlight=False,
    )
    if len(report.added) >= int(settings.get("stories", "regroup_hint_min")):
        _err.print(
            f"tip: articles are grouped one at a time as they arrive; after a large import, "
            f"'newsprism regroup --db {args.db}' re-places them against the whole store and "
            "merges stories split in arrival order (docs/EVALUATION.md, story grouping)",
            highlight=False,
        )
    return EXIT_SOME_FAILED if errors else EXIT_OK


def analyze_stream(articles: Iterable[Article], workers: int) -> Iterator[Analysis]:
    from .pipeline import analyze

    return analyze(articles, workers=workers)


def cmd_reanalyze(args: argparse.Namespace) -> int:
    from .pipeline import PIPELINE_VERSION
    from .report import progress

    store = _open_existing(args.db)
    try:
        ids = store.stale(PIPELINE_VERSION)
        fresh = service.reanalyzed(store, ids, workers=args.workers)
        with progress.track(fresh, console=_err, label="re-analysing", total=len(ids)) as it:
            done = service.replace_stale(store, it)
    finally:
        store.close()
    _out.print(f"re-analysed {done} article(s) in {args.db} with pipeline {PIPELINE_VERSION}",
               highlight=False)
    return EXIT_OK


def cmd_regroup(args: argparse.Namespace) -> int:
    from . import settings

    passes = args.passes if args.passes is not None else int(
        settings.get("stories", "regroup_passes"))
    if passes < 1:
        raise UsageError("--passes must be at least 1")
    store = _open_existing(args.db)
    try:
        before = store.count_stories()
        moved = store.regroup(passes)
        after = store.count_stories()
    finally:
        store.close()
    _out.print(f"regrouped {args.db}: {moved} move(s) in {passes} pass(es); "
               f"{before} -> {after} stories", highlight=False)
    return EXIT_OK


def cmd_stories(args: argparse.Namespace) -> int:
    from .report import stories as stories_report

    store = _open_existing(args.db)
    try:
        stories_report.render_stories(store, _out, fmt=args.format)
    finally:
        store.close()
    return EXIT_OK


def cmd_story(args: argparse.Namespace) -> int:
    from .report import stories as stories_report

    store = _open_existing(args.db)
    try:
        if store.story(args.story_id) is None:
            raise UsageError(f"no story {args.story_id!r} in {args.db} (see 'newsprism stories')")
        stories_report.render_story(store, args.story_id, _out, fmt=args.format)
    finally:
        store.close()
    return EXIT_OK


def _open_existing(db: str):  # -> Store
    from .store import open_store

    if db != ":memory:" and not Path(db).exists():
        raise UsageError(f"no store at {db}; add articles first with 'newsprism add PATH'")
    return open_store(db)


def _looks_like_input(ref: str) -> bool:
    return ref == "-" or "://" in ref or Path(ref).exists() or any(c in ref for c in "*?[")


def cmd_compare(args: argparse.Namespace) -> int:
    from .compare import compare
    from .report import stories as stories_report
    from .report.compare_terminal import render_comparison
    from .report.html import render_html
    from .stories import group

    errors: list[InputError] = []
    files = [r for r in args.refs if _looks_like_input(r)]
    ids = [r for r in args.refs if not _looks_like_input(r)]
    analyses: list[Analysis] = []
    if ids:
        store = _open_existing(args.db)
        try:
            analyses.extend(service.load_analyses(store, ids))
        finally:
            store.close()
    if files:
        stream = service.split_errors(_inputs(args, files), errors, _report_error)
        analyses.extend(analyze_stream(stream, args.workers))
    if not analyses:
        raise UsageError("nothing to compare: every input failed")
    comparison = compare(analyses)
    grouping = stories_report.grouping_rows(group(analyses), analyses)
    if args.format == "json":
        payload = {"stories": grouping, **comparison.to_dict()}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        stories_report.render_grouping(grouping, _out)
        render_comparison(comparison, _out)
    if args.html:
        Path(args.html).write_text(render_html(comparison, analyses), "utf-8")
        _err.print(f"wrote {args.html}", highlight=False)
    return EXIT_SOME_FAILED if errors else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .web.app import serve

    serve(args.db, host=args.host, port=args.port)
    return EXIT_OK


def eval_parser(task: str) -> argparse.ArgumentParser:
    """The option parser of ``newsprism eval TASK``."""
    mod = _eval_module(task)
    parser = _Parser(prog=f"newsprism eval {task}", description=mod.__doc__)
    mod.add_arguments(parser)
    if not any(a.dest == "json" for a in parser._actions):
        parser.add_argument("--json", metavar="PATH", help="also write the scores as JSON")
    return parser


def cmd_eval(args: argparse.Namespace) -> int:
    return int(_eval_module(args.task).run(eval_parser(args.task).parse_args(args.task_args)))


COMMANDS = {
    "analyze": cmd_analyze,
    "add": cmd_add,
    "stories": cmd_stories,
    "story": cmd_story,
    "regroup": cmd_regroup,
    "reanalyze": cmd_reanalyze,
    "compare": cmd_compare,
    "serve": cmd_serve,
    "eval": cmd_eval,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        _err.print(f"[bold red]usage error[/] {exc}", highlight=False)
        return EXIT_USAGE
    except NewsprismError as exc:
        _err.print(f"[bold red]error[/] {exc}", highlight=False)
        return EXIT_SOME_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
