<p class="lotus-cover-title">{{ config.site_name }}</p>
<p class="lotus-cover-subtitle">For leaders and organisations involved in managing professional standards concerns</p>
