// The search page: Pagefind's results for ?q=, with filters beside them.
//
// Pagefind's own interface (pagefind-ui.js) alone is as large as the whole
// budget of a first search, and brings its own look; this script uses
// Pagefind's JavaScript API and writes plain markup that furo's styles
// cover.  The query and the chosen filters live in the URL
// (?q=...&kind=...&year=...), so a search can be linked, reloaded and carried
// to the other language by the language switcher.
const FACETS = ["kind", "year", "cites", "status"];
const MAX_RESULTS = 20;
const MAX_SECTIONS = 3;
const splitsNumbers = /^zh\b/i.test(document.documentElement.lang);

const root = document.getElementById("kb-search");
const labels = JSON.parse(root.dataset.labels);
const bundle = new URL(root.dataset.bundle, document.baseURI);
const siteRoot = new URL("../", bundle); // the language's root: result URLs start there
const status = document.getElementById("kb-search-status");
const list = document.getElementById("kb-search-results");
const facetForm = document.getElementById("kb-search-facets");

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

// Pagefind marks the matched words with <mark> in an excerpt that is otherwise
// plain text (already escaped): only <mark> is kept, as elements.
const decoder = document.createElement("textarea");
function excerpt(html) {
  const paragraph = element("p", { class: "kb-search-excerpt" });
  for (const [index, part] of html.split(/<\/?mark>/).entries()) {
    decoder.innerHTML = part;
    const text = decoder.value;
    paragraph.append(index % 2 ? element("mark", {}, text) : text);
  }
  return paragraph;
}

function pageUrl(url) {
  return new URL(url.replace(/^\//, ""), siteRoot).href;
}

function chosenFilters(params) {
  const filters = {};
  for (const name of FACETS) {
    const values = params.getAll(name);
    if (values.length) filters[name] = { any: values };
  }
  return filters;
}

function renderResult(data) {
  const item = element("li", { class: "kb-search-result" });
  item.append(element("a", { class: "kb-search-title", href: pageUrl(data.url) },
    data.meta.title || data.url));
  const info = [data.meta.kind, data.meta.symbol, data.meta.date].filter(Boolean);
  if (info.length) item.append(element("p", { class: "kb-search-info" }, info.join(" · ")));
  item.append(excerpt(data.excerpt));
  // the sections of the page that match best, not the page's own title again
  const score = (sub) => sub.weighted_locations.reduce((sum, w) => sum + w.balanced_score, 0);
  const sections = (data.sub_results || [])
    .filter((sub) => sub.url.includes("#") && sub.title !== data.meta.title)
    .sort((a, b) => score(b) - score(a));
  if (sections.length) {
    const nested = element("ul", { class: "kb-search-sections" });
    for (const sub of sections.slice(0, MAX_SECTIONS)) {
      nested.append(element("li", {},
        element("a", { href: pageUrl(sub.url) }, sub.title), excerpt(sub.excerpt)));
    }
    item.append(nested);
  }
  return item;
}

function renderFacets(search, params) {
  facetForm.replaceChildren();
  for (const name of FACETS) {
    const counts = search.totalFilters[name] || {};
    const values = Object.keys(counts).sort((a, b) => a.localeCompare(b));
    if (!values.length) continue;
    const chosen = new Set(params.getAll(name));
    const fieldset = element("fieldset", { class: "kb-search-facet" },
      element("legend", {}, labels[name]));
    for (const value of values) {
      const box = element("input", { type: "checkbox", name, value });
      box.checked = chosen.has(value);
      const count = (search.filters[name] || {})[value] ?? 0;
      fieldset.append(element("label", {}, box, ` ${value} (${count})`));
    }
    facetForm.append(fieldset);
  }
  facetForm.hidden = !facetForm.childElementCount;
}

async function run(pagefind) {
  const params = new URLSearchParams(window.location.search);
  const query = (params.get("q") || "").trim();
  for (const box of document.querySelectorAll("input[name=q]")) box.value = query;
  if (!query) return;
  root.dataset.state = "searching";
  status.textContent = labels.searching;
  const options = { filters: chosenFilters(params) };
  // Pagefind's Chinese index splits "3.5" into the words "3", "." and "5": a query
  // holding such a number is first searched as a phrase of those words in that order
  let search = null;
  if (splitsNumbers && /\d\.\d/.test(query) && !/"/.test(query)) {
    search = await pagefind.search(`"${query.replace(/(\d)\.(?=\d)/g, "$1 . ")}"`, options);
  }
  if (!search?.results.length) search = await pagefind.search(query, options);
  const shown = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  list.replaceChildren(...shown.map(renderResult));
  status.textContent = search.results.length
    ? labels.results.replace("{count}", search.results.length)
    : labels.no_results;
  renderFacets(search, params);
  root.dataset.state = "done"; // what a test waits for
}

async function main() {
  if (!new URLSearchParams(window.location.search).get("q")) return;
  if (window.location.protocol === "file:") {
    status.textContent = labels.needs_server;
    root.dataset.state = "failed";
    return;
  }
  let pagefind;
  try {
    pagefind = await import(bundle.href);
    // result URLs as indexed ("/documents/x.html"), resolved here against the language's root.
    // Documents are full texts, many times longer than the pages of the objects they
    // cite: Pagefind's default penalty for length (0.75) ranked an annex naming a
    // circular letter below a short page mentioning it in passing.
    await pagefind.options({ excerptLength: 24, baseUrl: "/", ranking: { pageLength: 0.25 } });
  } catch (error) {
    status.textContent = labels.failed;
    root.dataset.state = "failed";
    throw error;
  }
  // the filters' values and counts come with a search only once their files are loaded
  await pagefind.filters();
  facetForm.addEventListener("change", () => {
    const params = new URLSearchParams(window.location.search);
    for (const name of FACETS) params.delete(name);
    for (const box of facetForm.querySelectorAll("input:checked")) params.append(box.name, box.value);
    window.history.replaceState(null, "", `?${params}`);
    run(pagefind);
  });
  await run(pagefind);
}

main();
