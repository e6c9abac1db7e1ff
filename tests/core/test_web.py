"""Articles from web pages and URLs, served by a local test site (see test_web_site)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.web_site import DATA, Site

from briefings.errors import BriefingError
from briefings.importing import web
from briefings.importing.articles import import_article
from briefings.store import Store
from cli.main import main

STRIKE_PARAGRAPHS = (
    "Dock workers at the container terminal in Port Calder voted on Thursday to end a nine-day strike",
    "“Nobody wanted this strike to last, but nobody was going to work nights for less than the cost "
    "of a rent rise,” said Tomas Reyes",
    "clearing the backlog would take “at least two weeks, possibly three”",
    "Shipping lines diverted at least eleven vessels to the neighbouring port of Saltmere",
    "would review the port's night-shift rules before the summer.",
)
STRIKE_FURNITURE = (
    "cookies", "Accept all", "Subscribe", "Sport", "Related stories", "Saltmere plans a second quay",
    "Banana prices", "harbourwatcher", "About time!", "deserve every cent", "Comments (3)",
    "All rights reserved", "Privacy policy", "Contact the newsroom", "By Mirela Okafor",
)


# -- the page: main text and metadata --------------------------------------------


def test_main_text_has_the_paragraphs_and_none_of_the_furniture(site: Site) -> None:
    article = web.fetch_article(site.url("/news/harbour-strike"))
    for paragraph in STRIKE_PARAGRAPHS:
        assert paragraph in article.text
    for furniture in STRIKE_FURNITURE:
        assert furniture not in article.text, furniture
    # the headline is the title, not the first paragraph; paragraphs stay apart
    assert not article.text.startswith("Dock workers in Port Calder end")
    assert article.text.count("\n\n") == len(STRIKE_PARAGRAPHS) - 1


def test_metadata_from_meta_tags_and_json_ld(site: Site) -> None:
    article = web.fetch_article(site.url("/news/harbour-strike"))
    assert article.title == "Dock workers in Port Calder end nine-day strike"  # not "... | The Calder Courier"
    assert article.outlet == "The Calder Courier"
    assert article.author == "Mirela Okafor"
    assert article.published == "2025-03-14"  # published, not modified (2025-03-16)
    assert article.url == site.url("/news/harbour-strike")


def test_metadata_from_json_ld_alone() -> None:
    article = web.parse_page((DATA / "glacier-survey.html").read_bytes(), url="https://science.example/x",
                             label="glacier-survey.html")
    assert article.title == "Survey finds Vennbreen glacier lost a fifth of its ice since 2010"
    assert article.outlet == "Northern Science Weekly"
    assert article.author == "Sanna Holm"
    assert article.published == "2024-11-02"
    assert "“We expected a steady retreat, not a collapse of the lower tongue,” said Dr Lene Aasheim" in article.text
    assert "Sign up now" not in article.text and "Front page" not in article.text


def test_date_from_a_visible_dateline_and_outlet_from_the_host() -> None:
    article = web.parse_page((DATA / "bridge-reopens.html").read_bytes(),
                             url="https://www.riverside-gazette.example/local/bridge", label="bridge")
    assert article.published == "2024-10-07"
    assert article.title == "Old Mill bridge reopens after repairs"
    assert article.outlet is None  # the page names no outlet ...
    assert article.host == "riverside-gazette.example"  # ... its site does
    assert article.text.startswith("The Old Mill bridge over the Ashby river reopened")
    assert "Advertise with us" not in article.text and "Weather" not in article.text


def test_a_page_with_no_date_has_none_not_its_copyright_year(site: Site) -> None:
    article = web.fetch_article(site.url("/news/ferry-cancelled"))
    assert article.published is None
    assert article.outlet == "The Calder Courier"


def test_metadata_is_data_not_escape_sequences() -> None:
    html = (DATA / "bridge-reopens.html").read_text("utf-8").replace(
        "<title>Old Mill bridge", "<title>\x1b[31mOld Mill\x1b]8;;http://evil\x07 bridge")
    article = web.parse_page(html, url=None, label="x")
    assert article.title is not None and "\x1b" not in article.title and "\x07" not in article.title


# -- importing ---------------------------------------------------------------------


def test_import_a_url_stores_the_article_with_its_metadata(site: Site, store: Store, extract_ready: None) -> None:
    url = site.url("/news/harbour-strike")
    briefing, is_new = import_article(store, url)
    assert is_new
    stored = store.load(briefing.id)
    assert stored.title == "Dock workers in Port Calder end nine-day strike"
    assert stored.source.url == url
    assert stored.source.outlet == "The Calder Courier"
    assert stored.source.published == "2025-03-14"
    assert "said Tomas Reyes" in stored.text and "harbourwatcher" not in stored.text


def test_reimporting_a_url_updates_the_same_briefing_and_keeps_notes(
        site: Site, store: Store, extract_ready: None) -> None:
    briefing, _ = import_article(store, site.url("/news/harbour-strike"))
    entry = next(q.id for q in briefing.quotes if "Nobody wanted this strike" in q.text)
    store.annotate(briefing.id, entry, note="check the 812 figure")
    again, is_new = import_article(store, site.url("/news/harbour-strike"))
    assert not is_new and again.id == briefing.id
    assert len(store.list()) == 1
    assert store.load(briefing.id).annotations[entry].note == "check the 812 figure"


def test_a_redirect_is_followed_and_the_page_keeps_its_own_url(site: Site, store: Store, extract_ready: None) -> None:
    direct, _ = import_article(store, site.url("/news/harbour-strike"))
    moved, is_new = import_article(store, site.url("/moved"))
    assert moved.id == direct.id and not is_new
    assert moved.source.url == site.url("/news/harbour-strike")


def test_given_metadata_wins_over_the_page(site: Site, store: Store, extract_ready: None) -> None:
    briefing, _ = import_article(store, site.url("/news/harbour-strike"), published="2025-03-13",
                                 title="Strike over", outlet="Wire")
    assert (briefing.title, briefing.source.outlet, briefing.source.published) == ("Strike over", "Wire", "2025-03-13")


def test_import_a_saved_html_file(tmp_path: Path, store: Store, extract_ready: None) -> None:
    page = tmp_path / "glacier.HTM"
    page.write_bytes((DATA / "glacier-survey.html").read_bytes())
    briefing, _ = import_article(store, str(page))
    assert briefing.title == "Survey finds Vennbreen glacier lost a fifth of its ice since 2010"
    assert briefing.source.published == "2024-11-02"
    assert briefing.source.path == str(page.resolve())
    assert "Dr Lene Aasheim" in briefing.text and "<p>" not in briefing.text


def test_a_saved_page_then_the_same_page_from_its_address_is_one_briefing_with_both_sources(
        site: Site, tmp_path: Path, store: Store, extract_ready: None) -> None:
    page = tmp_path / "glacier.html"  # saved from the browser: the page does not say its address
    page.write_bytes((DATA / "glacier-survey.html").read_bytes())
    saved, _ = import_article(store, str(page))
    store.annotate(saved.id, next(iter(saved.entry_ids())), note="check the ice figures")
    fetched, new = import_article(store, site.url("/news/glacier-survey"))  # as a feed would bring it
    assert not new and fetched.id == saved.id and len(store.list()) == 1
    assert fetched.source.url == site.url("/news/glacier-survey") and fetched.source.path == str(page.resolve())
    assert store.load(saved.id).annotations  # the note stays


def test_text_files_are_imported_as_before(tmp_path: Path, store: Store, extract_ready: None) -> None:
    article = tmp_path / "note.txt"
    article.write_text("<p>Not markup here.</p> The council met on Monday and approved the budget.\n")
    briefing, _ = import_article(store, str(article))
    assert briefing.text.startswith("<p>Not markup here.</p>")  # a text file is not parsed as HTML
    assert briefing.source.url is None


def test_cli_imports_urls_and_goes_on_after_a_failure(
        site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str], extract_ready: None) -> None:
    code = main(["import", site.url("/missing"), site.url("/news/glacier-survey"), "--store", str(tmp_path / "s")])
    out, err = capsys.readouterr()
    assert code == 1  # some stored, some refused
    assert len(out.split()) == 1  # one id: the page that could be read
    assert f"briefing: {site.url('/missing')}: HTTP 404" in err
    assert "imported 1 new, 0 updated, 1 failed" in err
    assert "Traceback" not in err


# -- fetching: the rules every request follows ------------------------------------


def test_requests_name_the_program(site: Site) -> None:
    web.fetch_article(site.url("/news/harbour-strike"))
    _, headers = site.requests[-1]
    assert headers["user-agent"].startswith("briefing/") and "(+news reader)" in headers["user-agent"]


def test_a_server_error_is_retried(site: Site) -> None:
    article = web.fetch_article(site.url("/flaky"))
    assert "said Tomas Reyes" in article.text
    assert site.paths().count("/flaky") == 2


def one_line_error(call, *args) -> str:  # noqa: ANN001
    with pytest.raises(BriefingError) as caught:
        call(*args)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_dead_link(site: Site) -> None:
    url = site.url("/missing")
    assert one_line_error(web.fetch_article, url) == f"{url}: HTTP 404 Not Found"
    assert site.paths().count("/missing") == 1  # a 404 is not retried


def test_page_with_no_article(site: Site) -> None:
    url = site.url("/news/section-index")
    assert one_line_error(web.fetch_article, url) == f"{url}: no article text found on the page"


def test_pdf_is_not_a_web_page(site: Site) -> None:
    url = site.url("/report.pdf")
    assert one_line_error(web.fetch_article, url) == f"{url}: not a web page (application/pdf)"


def test_redirect_loop(site: Site) -> None:
    url = site.url("/loop")
    message = one_line_error(web.fetch_article, url)
    assert message.startswith(f"{url}: too many redirects")
    assert len(site.requests) == web.REDIRECTS + 1  # gave up, did not spin


def test_slow_answer_times_out(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "TIMEOUT", 0.2)
    url = site.url("/slow")
    assert one_line_error(web.fetch_article, url) == f"{url}: no answer within 0.2 s"


def test_timeout_given_per_call(site: Site) -> None:
    url = site.url("/slow")
    assert one_line_error(lambda: web.fetch_article(url, timeout=0.1)) == f"{url}: no answer within 0.1 s"


def test_size_limit(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "MAX_BYTES", 2_000)
    url = site.url("/news/harbour-strike")
    assert one_line_error(web.fetch_article, url).startswith(f"{url}: too large")


def test_nobody_listening(site: Site) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/news"
    assert one_line_error(web.fetch_article, url).startswith(f"{url}: cannot connect")


@pytest.mark.parametrize("url", ["ftp://example.org/x.html", "file:///etc/passwd", "http://"])
def test_only_http_urls_are_fetched(url: str) -> None:
    assert "not an http or https URL" in one_line_error(web.fetch, url)


def test_a_binary_file_named_html_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_bytes(b"%PDF-1.7\n" + bytes(100))
    assert one_line_error(web.read_html_file, str(page)) == f"{page}: binary file, not a web page"


def test_importing_the_web_module_does_not_import_the_network_libraries() -> None:
    import subprocess
    import sys

    code = ("import sys, briefings.importing.web, briefings.importing.feeds, briefings.importing.articles;"
            "print(sorted(m for m in ('trafilatura', 'feedparser', 'urllib3') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
