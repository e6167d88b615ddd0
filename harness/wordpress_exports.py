"""WordPress exports written by hand: small readable ones for the tests (tests/wordpress/wxr_fixtures.py),
big generated ones for harness.bench_wordpress."""

import io
from xml.sax.saxutils import escape

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
    xmlns:excerpt="http://wordpress.org/export/{v}/excerpt/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:wfw="http://wellformedweb.org/CommentAPI/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:wp="http://wordpress.org/export/{v}/">
<channel>
    <title>California Immigrant Policy Center</title>
    <link>https://caimmigrant.org</link>
    <language>en-US</language>
    <wp:wxr_version>{v}</wp:wxr_version>
    <wp:base_site_url>https://caimmigrant.org</wp:base_site_url>
    <wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>uncategorized</wp:category_nicename>
        <wp:cat_name><![CDATA[Uncategorized]]></wp:cat_name></wp:category>
"""
FOOTER = "</channel>\n</rss>\n"


def item(
    post_id,
    title,
    content,
    *,
    slug=None,
    date="2018-07-09 10:00:00",
    status="publish",
    post_type="post",
    excerpt="",
    categories=(("press-releases", "Press Releases"),),
    tags=(),
):
    slug = slug if slug is not None else f"post-{post_id}"
    year, month, day = date[:10].split("-")
    terms = "".join(
        f'\n        <category domain="category" nicename="{s}"><![CDATA[{n}]]></category>' for s, n in categories
    ) + "".join(f'\n        <category domain="post_tag" nicename="{s}"><![CDATA[{n}]]></category>' for s, n in tags)
    return f"""
    <item>
        <title>{escape(title)}</title>
        <link>https://caimmigrant.org/{year}/{month}/{day}/{slug}/</link>
        <pubDate>Mon, 09 Jul 2018 17:00:00 +0000</pubDate>
        <dc:creator><![CDATA[admin]]></dc:creator>
        <guid isPermaLink="false">https://caimmigrant.org/?p={post_id}</guid>
        <description></description>
        <content:encoded><![CDATA[{content}]]></content:encoded>
        <excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
        <wp:post_id>{post_id}</wp:post_id>
        <wp:post_date><![CDATA[{date}]]></wp:post_date>
        <wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>
        <wp:comment_status><![CDATA[closed]]></wp:comment_status>
        <wp:post_name><![CDATA[{slug}]]></wp:post_name>
        <wp:status><![CDATA[{status}]]></wp:status>
        <wp:post_parent>0</wp:post_parent>
        <wp:post_type><![CDATA[{post_type}]]></wp:post_type>{terms}
    </item>"""


def wxr(*items, version="1.2"):
    return (HEADER.format(v=version) + "".join(items) + FOOTER).encode()


def generated_export(count, out):
    """An export of ``count`` varied published posts, written to the binary file ``out``."""
    out.write(HEADER.format(v="1.2").encode())
    for n in range(1, count + 1):
        body = (
            f"The coalition responded to the ruling in case {n}. Community groups are ready.\n\n"
            f"<h2>What happened</h2>\n<p>On day {n}, the court <strong>ruled</strong> on the "
            f'<a href="https://example.org/{n}">case</a>.</p>\n\n'
            f"<blockquote><p>We will keep defending our communities.</p><cite>Example Coalition</cite></blockquote>\n\n"
            "<ul><li>First point</li><li>Second point</li></ul>\n\n"
            '[gallery ids="1,2,3"]\n\nMore text follows with &amp; entities &#8217; decoded.'
        )
        categories = [(f"category-{n % 7}", f"Category {n % 7}")]
        tags = [(f"topic-{n % 23}", f"Topic {n % 23}")]
        day = f"{2010 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d} 09:00:00"
        out.write(
            item(n, f"Story number {n} &#8217;s title", body, date=day, categories=categories, tags=tags).encode()
        )
    out.write(FOOTER.encode())


def generated_export_bytes(count):
    buffer = io.BytesIO()
    generated_export(count, buffer)
    return buffer.getvalue()
