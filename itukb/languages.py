"""The site's two languages and the words the extension itself writes.

Text that the build generates (metadata labels, dates, notices, link text) is
not put in the translation catalogs: it is produced directly in the language
of the build, so translators only ever translate sentences people wrote.
"""

from __future__ import annotations

import datetime as dt

#: The language the pages are written in, and the one translated into.
SOURCE_LANGUAGE = "zh_CN"
TARGET_LANGUAGES = ("en",)
LANGUAGES = (SOURCE_LANGUAGE, *TARGET_LANGUAGES)

#: BCP 47 tags for ``<html lang>`` and ``hreflang``.
HREFLANG = {"zh_CN": "zh-CN", "en": "en"}

#: Each language's name in that language, for the language switcher.
NATIVE_NAMES = {"zh_CN": "中文", "en": "English"}

_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)

LABELS: dict[str, dict[str, str]] = {
    "site_title": {"zh_CN": "国际电联文献知识库", "en": "ITU Document Knowledge Base"},
    "metadata": {"zh_CN": "文献信息", "en": "Document information"},
    "id": {"zh_CN": "标识", "en": "Identifier"},
    "symbol": {"zh_CN": "文号", "en": "Symbol"},
    "kind": {"zh_CN": "类型", "en": "Kind"},
    "date": {"zh_CN": "日期", "en": "Date"},
    "place": {"zh_CN": "地点", "en": "Place"},
    "issuer": {"zh_CN": "发文方", "en": "Issued by"},
    "addressees": {"zh_CN": "致", "en": "Addressed to"},
    "language": {"zh_CN": "原文语言", "en": "Source language"},
    "version": {"zh_CN": "版本", "en": "Version"},
    "history": {"zh_CN": "修订记录", "en": "History"},
    "editorial_note": {"zh_CN": "编者注", "en": "Editorial note"},
    "placeholder_mark": {"zh_CN": "原文为占位链接", "en": "placeholder link in the source"},
    "sic": {"zh_CN": "原文如此", "en": "sic"},
    "switch_language": {"zh_CN": "本页其他语言", "en": "This page in another language"},
    "no_documents": {"zh_CN": "（暂无文献）", "en": "(no documents yet)"},
    "kind_resolution": {"zh_CN": "决议", "en": "Resolutions"},
    # the first text of a resolution is one of its versions, not a revision
    "kind_revision": {"zh_CN": "决议版本", "en": "Versions of resolutions"},
    "kind_agenda": {"zh_CN": "议程", "en": "Agendas"},
    "kind_goal": {"zh_CN": "总体目标", "en": "Goals"},
    "kind_target": {"zh_CN": "具体目标", "en": "Targets"},
    "kind_event": {"zh_CN": "活动", "en": "Events"},
    "kind_document": {"zh_CN": "文献", "en": "Documents"},
    "target_ref": {"zh_CN": "具体目标{number}", "en": "Target {number}"},
    "goal_ref": {"zh_CN": "总体目标{number}", "en": "Goal {number}"},
    "cited_by": {"zh_CN": "引用文献", "en": "Cited by"},
    "cites": {"zh_CN": "本文献引用", "en": "This document cites"},
    "object_index": {"zh_CN": "对象索引", "en": "Object index"},
    "document": {"zh_CN": "文献", "en": "Document"},
    "matrix_empty": {"zh_CN": "（尚无引用）", "en": "(no citations yet)"},
    "colon": {"zh_CN": "：", "en": ": "},
    "version_box": {"zh_CN": "版本{version}", "en": "Version {version}"},
    "last_changed": {"zh_CN": "最后更新：{date}", "en": "Last updated: {date}"},
    "change_log": {"zh_CN": "更新记录", "en": "Change log"},
    "relations": {"zh_CN": "关联", "en": "Related"},
    "rel_supersedes": {"zh_CN": "取代", "en": "Supersedes"},
    "rel_superseded_by": {"zh_CN": "被以下版本取代", "en": "Superseded by"},
    "rel_postponed_to": {"zh_CN": "推迟至", "en": "Postponed to"},
    "rel_postponed_from": {"zh_CN": "由以下活动推迟而来", "en": "Postponed from"},
    "rel_replaced_by": {"zh_CN": "由以下活动替代", "en": "Replaced by"},
    "rel_replaces": {"zh_CN": "替代", "en": "Replaces"},
    "rel_amends": {"zh_CN": "修正", "en": "Amends"},
    "rel_amended_by": {"zh_CN": "被以下文献修正", "en": "Amended by"},
    "rel_cancels": {"zh_CN": "废止", "en": "Cancels"},
    "rel_cancelled_by": {"zh_CN": "被以下文献废止", "en": "Cancelled by"},
    # "text", not "revision": the first text of a resolution is superseded too;
    # "latest in this knowledge base", not "current": whether it is still in
    # force is a fact of its own, which the knowledge base may not have
    "notice_superseded": {"zh_CN": "本文本已被{by}取代。",
                          "en": "This text has been superseded by {by}."},
    "notice_superseded_latest": {
        "zh_CN": "本文本已被{by}取代；后者是本知识库收录的最新版本。",
        "en": "This text has been superseded by {by}, the latest version in this "
              "knowledge base."},
    "notice_current": {"zh_CN": "本知识库收录的最新版本：{current}。",
                       "en": "Latest version in this knowledge base: {current}."},
    "notice_cancelled": {"zh_CN": "本文献已被{by}废止。",
                         "en": "This document has been cancelled by {by}."},
    "notice_postponed_to": {"zh_CN": "本活动已推迟至{to}。",
                            "en": "This event was postponed to {to}."},
    "notice_replaced_by": {"zh_CN": "本活动由{to}替代。",
                           "en": "It was replaced by {to}."},
}

#: Names of the kinds of document a page may declare in its front matter.
KINDS: dict[str, dict[str, str]] = {
    "circular-letter": {"zh_CN": "通函", "en": "Circular letter"},
    "joint-statement": {"zh_CN": "联合声明", "en": "Joint statement"},
    "web-page": {"zh_CN": "网页", "en": "Web page"},
    "press-release": {"zh_CN": "新闻稿", "en": "Press release"},
    "resolution-text": {"zh_CN": "决议文本", "en": "Resolution text"},
    "report": {"zh_CN": "报告", "en": "Report"},
}

#: Names of languages a source document may be written in.
SOURCE_LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "zh": {"zh_CN": "中文", "en": "Chinese"},
    "en": {"zh_CN": "英文", "en": "English"},
    "fr": {"zh_CN": "法文", "en": "French"},
    "es": {"zh_CN": "西班牙文", "en": "Spanish"},
    "ar": {"zh_CN": "阿拉伯文", "en": "Arabic"},
    "ru": {"zh_CN": "俄文", "en": "Russian"},
}


def site_language(language: str | None) -> str:
    """Map a Sphinx ``language`` value onto one of the site's languages.

    Sphinx accepts ``zh_CN``, ``zh-CN`` or ``zh``; the tables here are keyed by
    one spelling so that lookups cannot silently miss.
    """
    if not language:
        return SOURCE_LANGUAGE
    normalised = language.replace("-", "_")
    if normalised.lower().startswith("zh"):
        return SOURCE_LANGUAGE
    if normalised.lower().startswith("en"):
        return "en"
    msg = f"unsupported language {language!r}: the site is built in {', '.join(LANGUAGES)}"
    raise ValueError(msg)


def label(key: str, language: str | None) -> str:
    """Return the interface word ``key`` in the build's language."""
    return LABELS[key][site_language(language)]


def kind_name(kind: str, language: str | None) -> str:
    """Return the reader-facing name of a document kind."""
    return KINDS[kind][site_language(language)]


def format_date(value: dt.date, language: str | None) -> str:
    """Write a date the way a reader of ``language`` expects it."""
    if site_language(language) == SOURCE_LANGUAGE:
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {_MONTHS_EN[value.month - 1]} {value.year}"


def other_languages(language: str | None) -> tuple[str, ...]:
    """The languages a page can be switched to from ``language``."""
    current = site_language(language)
    return tuple(lang for lang in LANGUAGES if lang != current)
