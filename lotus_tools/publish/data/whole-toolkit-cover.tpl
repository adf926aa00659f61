{#- The whole toolkit's cover: its title and readers (the source's words), whose toolkit it is, and the release
    of this site it was printed from, and when (lotus_tools.publish.whole_toolkit.use_cover, reader_support). -#}
{%- set release = config.extra.release -%}
<p class="lotus-cover-title">{{ config.site_name | e }}</p>
<p class="lotus-cover-subtitle">For leaders and organisations involved in managing professional standards concerns</p>
<p class="lotus-cover-publisher lotus-site-words">{{ config.extra.publisher | e }}</p>
<p class="lotus-cover-release lotus-site-words">Printed from this site's release {{ release.version | e }}, built <time datetime="{{ release.built.isoformat() }}">{{ release.built_words }}</time>.</p>
