<?xml version="1.0" encoding="utf-8"?>
<!-- The Spanish copy of feed.xsl, for the Spanish feeds (/es/press/feed/): keep the two in
     step. Shown when a person opens a press room's RSS feed in a browser. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>
  <xsl:template match="/rss/channel">
    <xsl:variable name="feed_url" select="atom:link[@rel='self']/@href"/>
    <html lang="es">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>Canal RSS: <xsl:value-of select="title"/></title>
        <!-- Not hashed by the static storage: the unhashed copy is served too. -->
        <link rel="stylesheet" href="/static/feeds/feed.css"/>
      </head>
      <body>
        <main class="feed">
          <p class="feed__kind">Canal RSS</p>
          <h1><xsl:value-of select="title"/></h1>
          <section class="feed__about" aria-labelledby="about-heading">
            <h2 id="about-heading">¿Qué es esta página?</h2>
            <p>Este es un <strong>canal de noticias</strong> (RSS): una lista de las últimas noticias que las aplicaciones lectoras de noticias revisan por usted, para que las nuevas declaraciones y comunicados le lleguen en cuanto se publican.</p>
            <p>Para seguirlo, copie esta dirección en su lector de noticias (por ejemplo Feedly, Inoreader, NetNewsWire, Thunderbird u Outlook), por lo general en <em>Añadir canal</em> o <em>Suscribirse</em>:</p>
            <p class="feed__address"><code><xsl:value-of select="$feed_url"/></code></p>
            <p>No hace falta nada más, ni una cuenta con nosotros. ¿Prefiere el sitio web? <a href="{link}">Vaya a la sala de prensa</a>.</p>
          </section>
          <section aria-labelledby="stories-heading">
            <h2 id="stories-heading">Últimas noticias de este canal</h2>
            <xsl:choose>
              <xsl:when test="item">
                <ol class="feed__items">
                  <xsl:for-each select="item">
                    <li>
                      <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
                      <!-- pubDate is RFC 822 ("Thu, 20 Dec 2018 …"), in English by its standard: the
                           page says it as the Spanish pages do ("20 de diciembre de 2018"). -->
                      <xsl:variable name="month" select="substring(pubDate, 9, 3)"/>
                      <p class="feed__date">
                        <xsl:value-of select="number(substring(pubDate, 6, 2))"/>
                        <xsl:text> de </xsl:text>
                        <xsl:choose>
                          <xsl:when test="$month = 'Jan'">enero</xsl:when>
                          <xsl:when test="$month = 'Feb'">febrero</xsl:when>
                          <xsl:when test="$month = 'Mar'">marzo</xsl:when>
                          <xsl:when test="$month = 'Apr'">abril</xsl:when>
                          <xsl:when test="$month = 'May'">mayo</xsl:when>
                          <xsl:when test="$month = 'Jun'">junio</xsl:when>
                          <xsl:when test="$month = 'Jul'">julio</xsl:when>
                          <xsl:when test="$month = 'Aug'">agosto</xsl:when>
                          <xsl:when test="$month = 'Sep'">septiembre</xsl:when>
                          <xsl:when test="$month = 'Oct'">octubre</xsl:when>
                          <xsl:when test="$month = 'Nov'">noviembre</xsl:when>
                          <xsl:when test="$month = 'Dec'">diciembre</xsl:when>
                        </xsl:choose>
                        <xsl:text> de </xsl:text>
                        <xsl:value-of select="substring(pubDate, 13, 4)"/>
                      </p>
                      <p><xsl:value-of select="description"/></p>
                    </li>
                  </xsl:for-each>
                </ol>
              </xsl:when>
              <xsl:otherwise><p>Todavía no hay noticias.</p></xsl:otherwise>
            </xsl:choose>
          </section>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
