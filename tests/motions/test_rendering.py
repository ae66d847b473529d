"""Markdown split into its rendered blocks, each with the text a reader sees."""

from motions.rendering import render_blocks


def test_each_top_level_block_keeps_its_source_html_and_visible_text():
    heading, items, prose = render_blocks("## Our *aims*\n\n3. Organise\n4. Campaign\n\n"
                                          "Read [the rules](https://example.org).  \nThen vote.")
    assert (heading.source, heading.kind, heading.text) == ("## Our *aims*", "heading",
                                                            "Our aims")
    assert str(heading.html) == "<h2>Our <em>aims</em></h2>\n"
    assert items.kind == "list" and items.text == "3. Organise\n4. Campaign"
    assert prose.text == "Read the rules.\nThen vote."
    assert 'href="https://example.org"' in prose.html


def test_raw_html_stays_text():
    [block] = render_blocks("<script>alert(1)</script>")
    assert "<script>" not in block.html and block.text == "<script>alert(1)</script>"
