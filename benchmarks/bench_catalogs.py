"""How fast the catalog tools are on a catalog far larger than any real one.

Generates an English catalog of ``--entries`` messages (60,000 by default)
shaped like the project's own: Chinese titles, lines and paragraphs with
dates, document symbols and glossary terms, a quarter of them with MyST
roles, links, footnotes, autolinks or emphasis, each with a correct
translation, so that every check does its full work.  Prints entries per
second for reading alone, for the whole check (``make check-po``) in one
process and with ``--jobs`` processes, for ``make stats`` and for the merge
step of ``make update-po`` when 1% of the source messages changed.  The goal
for the check is at least 50,000 entries/s on a 2-core machine.

Usage: python benchmarks/bench_catalogs.py [--entries N] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polib

from itukb.catalogs.checker import check_catalogs
from itukb.catalogs.glossary import load_glossary
from itukb.catalogs.merge import merge_catalog
from itukb.catalogs.policy import WRAP_WIDTH
from itukb.catalogs.reading import read_catalog
from itukb.catalogs.stats import catalog_stats

REPO = Path(__file__).resolve().parent.parent

#: (source, translation) templates; {n} makes each message unique.  Like the real
#: catalogs, about a quarter carry markup; the rest are titles, short lines and
#: long paragraphs with numbers, dates and glossary terms
TEMPLATES: tuple[tuple[str, str], ...] = (
    ("第{n}号决议：全球电信/ICT发展的连通目标议程",
     "Resolution {n}: the Connect Agenda for global telecommunication/ICT development"),
    ("{n}年4月27日，日内瓦",
     "Geneva, 27 April {n}"),
    ("原订于{n}年9月6 - 9日在越南河内举办的{{event}}`国际电联数字世界展 <itu-digital-world>`"
     "现将于2021年9月在同一地点举办。",
     "{{event}}`ITU Digital World <itu-digital-world>`, originally planned for 6 - 9 "
     "September {n} in Hanoi, Viet Nam, will now take place at the same venue in "
     "September 2021."),
    ("具体目标{n}.4",
     "Target {n}.4"),
    ("鉴于目前在旅行、大规模聚会和社交接触方面存在诸多限制，国际电联与越南政府共同做出了推迟举办"
     "第{n}届展会的艰难决定。我们认为，这是保证所有活动参与者的福祉和安全的最佳方案。",
     "Given the many current restrictions on travel, large gatherings and social contact, "
     "ITU and the Government of Viet Nam took the difficult decision together to postpone "
     "the {n}th event. We believe this is the best way to ensure the well-being and safety "
     "of all participants."),
    ("见[第CL-20/{n}号通函](../documents/cl-20-{n}.md)及其[附件1](../documents/annex-{n}.md)。",
     "See [Circular Letter CL-20/{n}](../documents/cl-20-{n}.md) and its "
     "[Annex 1](../documents/annex-{n}.md)."),
    ("电话：+41 22 730 {n}",
     "Tel.: +41 22 730 {n}"),
    ("推动电信/ICT领域的创新，以支持社会的数字化转型（总体目标{n}）。",
     "Enable innovation in telecommunications/ICT in support of the digital transformation "
     "of society (goal {n})."),
    ("虽然COVID-19被视为最大国际挑战[^{n}]，但具有挑战性的时代还可能包括气候变化。",
     "Although COVID-19 is seen as the greatest international challenge[^{n}], "
     "challenging times may also include climate change."),
    ("2020年，WSIS在11周的虚拟活动中累计共有{n}名参与者。",
     "In 2020, WSIS had {n} participants in total over 11 weeks of virtual activities."),
    ("第{n}节：标注方式",
     "Section {n}: Marks used"),
    ("如您有任何疑问，请通过<strategy{n}@itu.int>与国际电联联系。",
     "If you have any questions, please contact ITU at <strategy{n}@itu.int>."),
    ("到2023年，发展中国家{n}%的家庭能够接入互联网，各成员国与部门成员的合作更加有效。",
     "By 2023, {n}% of households in the developing world have access to the Internet, "
     "and cooperation among Member States and Sector Members is more effective."),
    ("原文在此处将活动称为“数字电信展{n}”，本页保留原文用词。",
     "Here the original calls the event {{zh}}`数字电信展{n}` (“Digital Telecom {n}”); "
     "this page keeps the original wording."),
    ("第{n}次会议于2021年5月17日以虚拟方式举行。",
     "Meeting {n} was held virtually on 17 May 2021."),
    ("**注意**：第{n}项具体目标的表述尚未核实。",
     "**Note**: the wording of target {n} has not yet been verified."),
)


def generate(entries: int) -> polib.POFile:
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.metadata = {
        "Project-Id-Version": "itukb benchmark", "PO-Revision-Date": "2026-01-01 00:00+0000",
        "Last-Translator": "bench <bench@example.org>", "Language-Team": "English",
        "Language": "en", "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for number in range(entries):
        source, translation = TEMPLATES[number % len(TEMPLATES)]
        po.append(polib.POEntry(
            msgid=source.format(n=number), msgstr=translation.format(n=number),
            occurrences=[(f"../../docs/page-{number // 50}.md", str(number % 50 + 1))]))
    return po


def best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=60_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    glossary = load_glossary(REPO / "locale" / "glossary.tsv")
    with tempfile.TemporaryDirectory() as tmp:
        catalog = Path(tmp) / "en" / "LC_MESSAGES" / "bench.po"
        catalog.parent.mkdir(parents=True)
        po = generate(args.entries)
        po.save(str(catalog))
        size = catalog.stat().st_size / 1e6
        report = check_catalogs([catalog], glossary=glossary, jobs=args.jobs)
        if report.findings:  # the generated translations must be correct, or the run is void
            raise SystemExit("\n".join(f.format() for f in report.findings[:10]))
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"catalog: {args.entries:,} entries, {size:.1f} MB; best of {args.repeat} runs; "
              f"{os.cpu_count()} CPUs, load average {load:.2f}")
        results = {
            "read (syntax check + polib)": best(lambda: read_catalog(catalog), args.repeat),
            "check, 1 process": best(
                lambda: check_catalogs([catalog], glossary=glossary), args.repeat),
            f"check, {args.jobs} processes (make check-po)": best(
                lambda: check_catalogs([catalog], glossary=glossary, jobs=args.jobs),
                args.repeat),
            "stats (make stats)": best(
                lambda: catalog_stats(read_catalog(catalog).po), args.repeat),
        }
        template = polib.pofile(str(catalog))
        for entry in template[:: 100]:
            entry.msgid = entry.msgid.replace("。", "，并已更新。", 1) + "新增"
        for entry in template:
            entry.msgstr = ""
        old = read_catalog(catalog).po
        results["merge, 1% of sources changed"] = best(
            lambda: merge_catalog(template, old, "en"), args.repeat)
        for label, seconds in results.items():
            print(f"{label:38s} {seconds:7.3f} s  {args.entries / seconds:10,.0f} entries/s")


if __name__ == "__main__":
    main()
