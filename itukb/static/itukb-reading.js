// Reading aids: citable paragraphs and ready citations (itukb/reading/paragraphs.py,
// itukb/pages/citation.py), and break opportunities in long compounds.
//
// Every paragraph of the article with an id gets a link mark, shown on hover
// or keyboard focus as headings' marks are; following it copies the
// paragraph's URL and says so.  The ready citation gets the two things the
// build cannot know: the date the reader reads the page and, in a local
// build, the page's address.
(() => {
  const chinese = (document.documentElement.lang || "").toLowerCase().startsWith("zh");
  const words = chinese
    ? { mark: "复制本段链接", copied: "已复制本段链接", failed: "无法复制，请从地址栏复制" }
    : { mark: "Copy a link to this paragraph", copied: "Link to this paragraph copied",
        failed: "Could not copy; the address bar has the link" };

  const status = document.createElement("div");
  status.className = "kb-copy-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");

  const pageUrl = () => window.location.href.split("#")[0].split("?")[0];

  function announce(text) {
    status.textContent = text;
    status.classList.add("kb-copy-status-shown");
    window.clearTimeout(announce.timer);
    announce.timer = window.setTimeout(() => status.classList.remove("kb-copy-status-shown"), 2500);
  }

  function addMarks(article) {
    for (const paragraph of article.querySelectorAll("p[id]")) {
      if (paragraph.closest(".kb-citation, .kb-metadata, nav, .toctree-wrapper")) continue;
      const mark = document.createElement("a");
      mark.className = "kb-para-link";
      mark.href = `#${paragraph.id}`;
      mark.title = words.mark;
      mark.setAttribute("aria-label", words.mark);
      mark.textContent = "¶";
      paragraph.append(mark);
    }
    article.addEventListener("click", async (event) => {
      const mark = event.target.closest("a.kb-para-link");
      if (!mark) return;
      event.preventDefault();
      const url = `${pageUrl()}${mark.getAttribute("href")}`;
      window.history.replaceState(null, "", mark.getAttribute("href"));
      try {
        await navigator.clipboard.writeText(url);
        announce(words.copied);
      } catch {
        announce(words.failed);
      }
    });
  }

  function fillCitations(article) {
    const today = new Date();
    const date = chinese
      ? `${today.getFullYear()}年${today.getMonth() + 1}月${today.getDate()}日`
      : today.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    for (const pre of article.querySelectorAll(".kb-citation pre")) {
      const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        node.nodeValue = node.nodeValue.replace("[date]", date).replace("[URL]", pageUrl());
      }
    }
  }

  // "telecommunication/ICT" has no place to break but inside a word, which a
  // narrow screen then cuts anywhere; a <wbr> after the slash of a long
  // compound lets it break there instead.  The text itself is unchanged.
  function breakCompounds(article) {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement.closest("pre, code, script, style")
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    const compound = /[A-Za-z]{4,}\/(?=[A-Za-z]{2,})/g;
    const found = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (compound.test(node.nodeValue)) found.push(node);
      compound.lastIndex = 0;
    }
    for (const node of found) {
      const parts = node.nodeValue.split(/(?<=[A-Za-z]{4,}\/)(?=[A-Za-z]{2,})/);
      const fragment = document.createDocumentFragment();
      parts.forEach((part, index) => {
        if (index) fragment.append(document.createElement("wbr"));
        fragment.append(part);
      });
      node.replaceWith(fragment);
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const article = document.querySelector("article[role=main]");
    if (!article) return;
    breakCompounds(article);
    document.body.append(status);
    addMarks(article);
    fillCitations(article);
  });
})();
