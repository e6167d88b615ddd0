<?xml version="1.0" encoding="utf-8"?>
<!-- Shown when a person opens a press room's RSS feed in a browser: what a feed is, how to
     use it, and the stories in it. News readers ignore it and read the XML. Same origin as
     the feed (browsers refuse other origins' XSLT, and the CSP's script-src governs it). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/rss/channel">
    <xsl:variable name="feed_url" select="atom:link[@rel='self']/@href"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>RSS feed: <xsl:value-of select="title"/></title>
        <!-- Not hashed by the static storage: the unhashed copy is served too. -->
        <link rel="stylesheet" href="/static/feeds/feed.css"/>
      </head>
      <body>
        <main class="feed">
          <p class="feed__kind">RSS feed</p>
          <h1><xsl:value-of select="title"/></h1>
          <section class="feed__about" aria-labelledby="about-heading">
            <h2 id="about-heading">What is this page?</h2>
            <p>This is a <strong>news feed</strong> (RSS): a list of the latest stories that news reader apps check for you, so new statements and releases come to you as soon as they are published.</p>
            <p>To follow it, copy this address into your news reader (for example Feedly, Inoreader, NetNewsWire, Thunderbird or Outlook), usually under <em>Add feed</em> or <em>Subscribe</em>:</p>
            <p class="feed__address"><code><xsl:value-of select="$feed_url"/></code></p>
            <p>Nothing else is needed, and no account with us. Prefer the website? <a href="{link}">Go to the press room</a>.</p>
          </section>
          <section aria-labelledby="stories-heading">
            <h2 id="stories-heading">Latest stories in this feed</h2>
            <xsl:choose>
              <xsl:when test="item">
                <ol class="feed__items">
                  <xsl:for-each select="item">
                    <li>
                      <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
                      <p class="feed__date"><xsl:value-of select="substring(pubDate, 6, 11)"/></p>
                      <p><xsl:value-of select="description"/></p>
                    </li>
                  </xsl:for-each>
                </ol>
              </xsl:when>
              <xsl:otherwise><p>No stories yet.</p></xsl:otherwise>
            </xsl:choose>
          </section>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
