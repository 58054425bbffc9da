"""The strategy document at national scale (issue 15, item 4): assembling its contents from
live data, and laying it out as PDF (WeasyPrint) and as Word (python-docx), each timed, with
the number of queries the assembly makes. Usage: bench/README.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--year", type=int, default=None, help="default: this year")
    parser.add_argument("--language", default="fi", choices=["fi", "sv", "en"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="true")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.chdir(ROOT)
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone, translation

    from governance.document.formats import render_docx, render_pdf
    from governance.selectors.strategy_document import strategy_document
    from segments.models import Company

    year = args.year or timezone.localdate().year
    print(f"{Company.objects.count():,} companies, year {year}, language {args.language}")
    timings = {"contents": [], "pdf": [], "docx": []}
    with translation.override(args.language):
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                document = strategy_document(year=year, language=args.language)
                timings["contents"].append(time.perf_counter() - start)
            start = time.perf_counter()
            pdf = render_pdf(document)
            timings["pdf"].append(time.perf_counter() - start)
            start = time.perf_counter()
            docx = render_docx(document)
            timings["docx"].append(time.perf_counter() - start)
    print(f"contents: {len(queries.captured_queries)} queries")
    for name, values in timings.items():
        print(f"{name:9} median {statistics.median(values):6.2f} s  max {max(values):6.2f} s")
    total = [sum(parts) for parts in zip(timings["contents"], timings["pdf"], strict=True)]
    print(f"contents + PDF: median {statistics.median(total):.2f} s (target <= 10 s)")
    print(f"PDF {len(pdf):,} bytes, DOCX {len(docx):,} bytes")


if __name__ == "__main__":
    main()
