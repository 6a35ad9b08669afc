"""What the synthetic knowledge base says, and how a plain Sphinx site would say it.

The message tables :mod:`kb_site` writes pages and catalogs from (topics,
paragraph templates, sections, front matter, the resolutions and their
revisions), the ids of documents and resolutions, and the plain site's
side: our citation roles as the ``{ref}``/``{doc}`` links a plain MyST user
would write, and its ``conf.py``.
"""

from __future__ import annotations

import datetime as dt
import re

KINDS = ("circular-letter", "press-release", "report", "web-page", "joint-statement")
#: (Chinese, English) topics; no glossary term, so the English is free
TOPICS = (
    ("宽带网络建设", "broadband network deployment"),
    ("网络安全能力", "cybersecurity capacity"),
    ("农村地区的互联互通", "connectivity in rural areas"),
    ("数字技能培训", "digital skills training"),
    ("频谱管理", "spectrum management"),
    ("应急通信", "emergency telecommunications"),
    ("无障碍获取", "accessibility"),
    ("电子废物", "e-waste"),
    ("统计数据收集", "the collection of statistics"),
    ("青年参与", "youth participation"),
)
#: (Chinese, English) paragraph templates; {topic}/{topic_en}, {t1}..{t3} (target
#: numbers), {res} (resolution number), {doc} (a document id), {n}, {year}
PARAGRAPHS = (
    ("本文件涉及{topic}，并说明{{target}}`{t1}`的落实情况。",
     "This document concerns {topic_en} and describes progress on {{target}}`{t1}`."),
    ("根据{{resolution}}`{res}@2018`，各方应在{year}年底前提交有关{topic}的资料。",
     "Under {{resolution}}`{res}@2018`, parties should submit material on {topic_en} "
     "by the end of {year}."),
    ("本文件补充了{{document}}`{doc}`中的内容，两者应一并阅读。",
     "This document supplements {{document}}`{doc}`; the two should be read together."),
    ("与会者讨论了{{target}}`{t2}`和{{target}}`{t3}`之间的关系，并同意在下次会议上继续审议。",
     "Participants discussed the relationship between {{target}}`{t2}` and "
     "{{target}}`{t3}` and agreed to continue the review at the next meeting."),
    ("各参与方强调，{topic}需要长期投入和持续合作，尤其是在基础设施薄弱的地区。秘书处将汇编收到的"
     "意见，并在第{n}次会议之前分发综合报告。",
     "Participants stressed that {topic_en} needs long-term investment and sustained "
     "cooperation, above all in areas with weak infrastructure. The secretariat will compile "
     "the comments received and circulate a summary report before meeting {n}."),
    ("工作组审查了{n}份提交材料，认为其中大多数提出的措施切实可行，并建议在区域层面推广这些做法。",
     "The working group reviewed {n} submissions, found most of the measures they propose "
     "practical, and recommends spreading these practices at regional level."),
    ("如需进一步信息，请联系项目组（编号{n}）。",
     "For further information, please contact the project team (reference {n})."),
)
SECTIONS = (("background", "背景", "Background"), ("progress", "进展", "Progress"),
            ("next-steps", "后续步骤", "Next steps"))
FRONT = {  # front matter values that are messages, with their English
    "place": ("日内瓦", "Geneva"),
    "issuer": ("国际电联秘书长", "ITU Secretary-General"),
    "addressee-1": ("国际电联成员国", "ITU Member States"),
    "addressee-2": ("所有利益攸关方", "All stakeholders"),
    "change": ("据原件录入。", "Transcribed from the original."),
}
#: revisions of every resolution: (suffix, adopted, Chinese heading part, English)
REVISIONS = (("2010", "2010-10-22", "2010年修订版", "Rev. 2010"),
             ("2018", "2018-11-15", "2018年修订版", "Rev. 2018"))
RESOLUTIONS = 20
TARGETS_PER_REVISION = 8
FIRST_YEAR = 2011
YEARS = 15
HEADER = {
    "Project-Id-Version": "国际电联文献知识库",
    "Report-Msgid-Bugs-To": "",
    "POT-Creation-Date": "2026-11-23 19:00+0000",
    "PO-Revision-Date": "2026-11-23 12:00+0000",
    "Last-Translator": "ITU knowledge base translators",
    "Language-Team": "English <en@li.org>",
    "Language": "en",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}



def document_id(number: int) -> str:
    return f"doc-{number:05d}"


def resolution_number(index: int) -> int:
    return 300 + index


#: ``{role}`text``` in a page or a catalog
ROLE = re.compile(r"\{(target|resolution|document)\}`([^`]*)`")


def revision_in_force(date: dt.date) -> str:
    """The suffix of the revision in force at ``date`` (what ``{target}`` resolves to)."""
    for suffix, adopted, _, _ in reversed(REVISIONS):
        if date >= dt.date.fromisoformat(adopted):
            return suffix
    return REVISIONS[0][0]


def plain_links(text: str, date: dt.date) -> str:
    """Our citation roles as the ``{ref}``/``{doc}`` links a plain MyST page would use."""
    def link(match: re.Match[str]) -> str:
        role, value = match.groups()
        if role == "document":
            return f"{{doc}}`/documents/{value}`"
        if role == "resolution":
            number, _, suffix = value.partition("@")
            return f"{{ref}}`res-{number}-{suffix or revision_in_force(date)}`"
        target, _, suffix = value.partition("@")
        index, k = target.split(".")
        revision = f"res-{resolution_number(int(index))}-{suffix or revision_in_force(date)}"
        return f"{{ref}}`{revision}-target-{index}-{k}`"
    return ROLE.sub(link, text)


def plain_conf(theme: str) -> str:
    """``conf.py`` of the plain site: Sphinx, MyST and ``theme``, our languages and catalogs."""
    return f"""\
project = "Synthetic knowledge base"
extensions = ["myst_parser"]
root_doc = "index"
source_suffix = {{".md": "markdown"}}
exclude_patterns = ["_build", "_root", "**/.*"]
myst_enable_extensions = ["colon_fence", "deflist"]
language = "zh_CN"
locale_dirs = ["../locale/"]
gettext_compact = False
html_theme = {theme!r}
html_copy_source = False
"""
