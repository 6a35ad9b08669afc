"""Check a built bilingual site: every link and anchor, in both languages.

:mod:`~itukb.sitecheck.scan` reads the site once (pages parsed in
parallel), :mod:`~itukb.sitecheck.checks` finds the problems,
:mod:`~itukb.sitecheck.sources` maps them back to the MyST or catalog line,
:mod:`~itukb.sitecheck.baseline` applies the known exceptions and
:mod:`~itukb.sitecheck.report` writes them.  :mod:`~itukb.sitecheck.external`
checks links that leave the site, over the network.
"""
