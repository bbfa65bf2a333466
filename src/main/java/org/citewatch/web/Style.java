package org.citewatch.web;

/** The one stylesheet of {@code citewatch serve}, served from /style.css: no inline style, no external font. */
final class Style {

  static final String CSS = """
      body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2328}
      header{display:flex;justify-content:space-between;align-items:center;padding:.5rem 1rem;
        border-bottom:1px solid #d0d7de}
      nav a{margin-right:1rem}main{max-width:64rem;margin:1rem auto;padding:0 1rem}
      .login{max-width:22rem;margin-top:4rem}.login label{display:block;margin:.5rem 0}.login input{width:100%}
      .error{color:#b42318}.meta{color:#59636e}.summary span{font-weight:600}
      .critical{color:#b42318}.warning{color:#9a6700}.info{color:#0969da}
      ul.alerts{list-style:none;padding:0}
      ul.alerts li{border-left:5px solid #8c959f;padding:.3rem .8rem;margin:.5rem 0;color:#1f2328}
      ul.alerts li.critical{border-left-color:#d1242f}ul.alerts li.warning{border-left-color:#d4a72c}
      ul.alerts li.info{border-left-color:#218bff}.kind{font-weight:600}
      .badge{font-size:.75rem;border-radius:1rem;padding:.05rem .5rem;background:#eaeef2;color:#1f2328}
      .diff{background:#f6f8fa;border-radius:6px;padding:.5rem .7rem;white-space:pre-wrap;word-break:break-word}
      del{background:#ffebe9;color:#82071e}ins{background:#dafbe1;color:#116329;text-decoration:none}
      dl{display:grid;grid-template-columns:max-content auto;gap:.1rem .8rem}dt{color:#59636e}dd{margin:0}
      table{border-collapse:collapse;width:100%}
      td,th{border-bottom:1px solid #d0d7de;padding:.2rem .4rem;text-align:left;vertical-align:top}
      form.act{margin:1rem 0;padding:.6rem;border:1px solid #d0d7de;border-radius:6px}form.act textarea{width:100%}
      .who{display:inline}code{background:#f6f8fa;padding:.1rem .3rem;border-radius:4px}
      """;

  private Style() {}
}
