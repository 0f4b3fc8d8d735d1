/*
 * site-builder chart loader (plain ES2017, no build step).
 *
 * A chart arrives as its poster: images drawn at build time by plotly.js itself, in the light
 * and the dark theme, for phones and wider screens (figures/posters.py). The page costs no
 * script until the reader reaches for a chart (pointer over it, a tap, keyboard focus on its
 * "Explore" button): then its plotly.js bundle and figure (charts/<id>/figure.json) are fetched
 * and the interactive chart draws in the poster's box, same size, same theme. On a page nobody
 * touches, plotly.js is never fetched. A site built without images (`images: false`) has no
 * posters: each chart is drawn as it is about to scroll into view. Runs on a full page load and
 * after each mkdocs-material instant navigation (document$), and follows Material's light/dark
 * palette toggle, for posters (with no flash: the old one stays until the new one is decoded)
 * as for drawn charts.
 *
 * No-JS fallback: site-builder.css shows the poster and the data table under
 * `@media (scripting: none)`, so nothing here has to undo a "JS is off" default (no flash, no
 * layout shift). If drawing fails, the figure gets `sb-chart--failed`, keeps its poster, and
 * its table is opened.
 *
 * site_builder/build/assets.py replaces the placeholder below with
 *   {"theme": {"light": {...}, "dark": {...}},   // plotly layout overrides
 *    "topojson": "topojson-<hash>/",             // map geometry folder
 *    "bundles": {"plotly-basic.<hash>.js": ["bar", "pie", "scatter"], ...},
 *    "locales": {"sq": "locale-sq.<hash>.js", ...},   // plotly.js locales (build/locales.py)
 *    "words": {"sq": {"Copied": "U kopjua", ...}, ...}}       // our own words, in those languages
 *
 * A page whose <html lang> has a locale draws its charts in that language: the locale's script is
 * loaded beside the bundle, registered with the plotly.js that draws, and named in config.locale
 * (month names on date axes, separators, the toolbar's words). English pages load nothing more.
 */
(function () {
  'use strict';

  // Material may re-evaluate scripts; one loader per window is enough.
  if (window.__siteBuilderLoader) return;
  window.__siteBuilderLoader = true;

  var CONFIG = /*@SB_THEME@*/null || { theme: {}, topojson: '', bundles: {}, locales: {} };
  var THEME = CONFIG.theme || {};
  var BUNDLES = CONFIG.bundles || {};
  var LOCALES = CONFIG.locales || {};
  var WORDS = CONFIG.words || {};

  // Bundles, map geometry and this script are published side by side: derive
  // their location from our own URL so it works at any page depth or site_url.
  var BASE = (function () {
    var script = document.currentScript;
    if (!script || !script.src) {
      script = document.querySelector('script[src*="site-builder."][src$=".js"]');
    }
    var src = script && script.src ? script.src : document.baseURI;
    return src.slice(0, src.lastIndexOf('/') + 1);
  })();

  // Buttons that make no sense for published line, bar and map charts.
  var REMOVED_BUTTONS = [
    'select2d', 'lasso2d', 'autoScale2d', 'toggleSpikelines',
    'hoverClosestCartesian', 'hoverCompareCartesian',
    'hoverClosestGeo', 'hoverClosestPie'
  ];

  var seen = new WeakSet();   // figures already queued or drawn: never draw twice
  var pending = new Set();    // figures waiting to scroll into view
  var drawn = [];             // {figure, plot, Plotly, layout, resizeObserver}
  var drawing = new WeakMap(); // figure -> Promise of its drawing, once asked for
  var bundleLoads = {};       // filename -> Promise<Plotly>
  var bundleReady = {};       // filename -> Plotly, once loaded

  /* ---------- theme ---------- */

  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;

  function scheme() {
    // Material's palette sets this attribute (also for its "auto" palette);
    // standalone chart pages follow the operating system.
    var attr = document.body && document.body.getAttribute('data-md-color-scheme');
    if (attr) return attr === 'slate' ? 'dark' : 'light';
    return darkQuery && darkQuery.matches ? 'dark' : 'light';
  }

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  // Overrides win over the figure's layout; arrays (colorway, annotations) are
  // replaced whole, as plotly does.
  function merge(base, over) {
    var out = {};
    Object.keys(base || {}).forEach(function (k) { out[k] = base[k]; });
    Object.keys(over || {}).forEach(function (k) {
      out[k] = isPlainObject(out[k]) && isPlainObject(over[k]) ? merge(out[k], over[k]) : over[k];
    });
    return out;
  }

  function leafPaths(obj, prefix, out) {
    Object.keys(obj || {}).forEach(function (k) {
      var path = prefix ? prefix + '.' + k : k;
      if (isPlainObject(obj[k])) leafPaths(obj[k], path, out);
      else out[path] = true;
    });
    return out;
  }

  function lookup(obj, path) {
    return path.split('.').reduce(function (o, k) {
      return isPlainObject(o) && k in o ? o[k] : undefined;
    }, obj);
  }

  // The theme styles every kind of subplot, but a chart must only get its
  // own: plotly draws empty axes for an `xaxis` given to a map, and throws on
  // relayout of an axis a map lacks. Theme keys naming a subplot the figure's
  // layout doesn't have are dropped; everything else (font, paper) applies.
  var SUBPLOT_KEY = /^(xaxis|yaxis|geo|polar|ternary|scene|map|mapbox|smith)\d*$/;

  function overridesFor(layout, name) {
    var over = THEME[name] || {};
    var out = {};
    Object.keys(over).forEach(function (k) {
      if (!SUBPLOT_KEY.test(k) || k in layout) out[k] = over[k];
    });
    return out;
  }

  // Every attribute either theme touches is set from "figure layout + current
  // theme", so switching back restores the figure's own value (or plotly's
  // default, via null) even when one theme doesn't mention it.
  function themeUpdate(chart, name) {
    var target = merge(chart.layout, overridesFor(chart.layout, name));
    var paths = leafPaths(overridesFor(chart.layout, 'dark'), '',
                          leafPaths(overridesFor(chart.layout, 'light'), '', {}));
    var update = {};
    Object.keys(paths).forEach(function (path) {
      var value = lookup(target, path);
      update[path] = value === undefined ? null : value;
    });
    return update;
  }

  var currentScheme = null;

  function retheme() {
    var name = scheme();
    if (name === currentScheme) return;
    var before = currentScheme;
    currentScheme = name;
    prune();
    drawn.forEach(function (chart) { applyTheme(chart, name); });
    if (before) holdPosters(before, name);
  }

  // The stylesheet shows the poster of the page's scheme. A poster not shown before is not
  // loaded yet (loading="lazy"), so on a toggle each figure keeps the poster it showed
  // (data-sb-hold) until the other one is decoded. This runs from a MutationObserver, before
  // the browser paints the toggled page: no frame shows an empty box.
  function holdPosters(before, name) {
    var figures = document.querySelectorAll('figure.sb-chart--poster:not(.sb-chart--drawn)');
    Array.prototype.forEach.call(figures, function (figure) {
      var img = figure.querySelector('.sb-chart__poster--' + name + ' img');
      if (!img || (img.complete && img.naturalWidth)) {
        figure.removeAttribute('data-sb-hold');
        return;
      }
      figure.setAttribute('data-sb-hold', before);
      var release = function () {
        if (figure.getAttribute('data-sb-hold') === before && scheme() === name) figure.removeAttribute('data-sb-hold');
      };
      img.loading = 'eager';
      (img.decode ? img.decode() : Promise.reject()).then(release, release);
    });
  }

  function applyTheme(chart, name) {
    Promise.resolve()
      .then(function () { return chart.Plotly.relayout(chart.plot, themeUpdate(chart, name)); })
      .catch(function (err) { console.error('site-builder: could not re-theme chart ' + chart.id, err); });
  }

  // Material's palette toggle changes <body>'s attribute in its own handler of the radio
  // button's change event, and the stylesheet follows at once, before the MutationObserver
  // above is told: for the rest of that task the page would show the new scheme's poster,
  // not loaded yet. Listening in the capture phase, ahead of Material, holds the old posters
  // from the start; the observer then finds them held.
  function onPaletteChange(event) {
    var input = event.target;
    if (!input || input.name !== '__palette' || !input.checked) return;
    var attr = input.getAttribute('data-md-color-scheme');
    if (!attr) return;  // an automatic palette: its scheme is known only once Material applies it
    var name = attr === 'slate' ? 'dark' : 'light';
    if (currentScheme && name !== currentScheme) holdPosters(currentScheme, name);
  }

  function watchScheme() {
    currentScheme = scheme();
    document.addEventListener('change', onPaletteChange, true);
    new MutationObserver(retheme).observe(document.body, {
      attributes: true, attributeFilter: ['data-md-color-scheme']
    });
    if (darkQuery) {
      if (darkQuery.addEventListener) darkQuery.addEventListener('change', retheme);
      else if (darkQuery.addListener) darkQuery.addListener(retheme);
    }
  }

  /* ---------- plotly bundles ---------- */

  function covers(filename, traces) {
    var has = BUNDLES[filename];
    return !!has && traces.every(function (t) { return has.indexOf(t) !== -1; });
  }

  // Each bundle assigns window.Plotly when it runs; the load event fires right
  // after that, so capturing it there keeps one Plotly per bundle even when a
  // page mixes a bar chart (basic) with a map (geo).
  function loadBundle(filename) {
    if (!bundleLoads[filename]) {
      bundleLoads[filename] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = BASE + filename;
        script.async = true;
        script.onload = function () {
          if (window.Plotly && window.Plotly.newPlot) {
            bundleReady[filename] = window.Plotly;
            resolve(window.Plotly);
          } else {
            reject(new Error(filename + ' loaded but did not define Plotly'));
          }
        };
        script.onerror = function () {
          delete bundleLoads[filename];  // let a later navigation retry
          reject(new Error('could not load ' + script.src));
        };
        document.head.appendChild(script);
      });
    }
    return bundleLoads[filename];
  }

  // Prefer a bundle already loaded (or loading) that covers the chart's traces:
  // after instant navigation from a map page, a line chart reuses plotly-geo.
  function plotlyFor(figure) {
    var wanted = figure.getAttribute('data-sb-bundle') || '';
    var traces = (figure.getAttribute('data-sb-traces') || '').split(/[\s,]+/).filter(Boolean);
    var loaded = Object.keys(bundleReady).concat(Object.keys(bundleLoads));
    for (var i = 0; i < loaded.length; i++) {
      if (covers(loaded[i], traces)) return loadBundle(loaded[i]);
    }
    if (!/^[\w.-]+\.js$/.test(wanted)) {
      return Promise.reject(new Error('bad data-sb-bundle "' + wanted + '"'));
    }
    return loadBundle(wanted);
  }

  /* ---------- the page's language ---------- */

  // The locale for the page's language: "sr-Latn" exactly, else its base language ("sq-AL" -> "sq");
  // read at each drawing, since instant navigation may bring a page of another edition.
  function localeName() {
    var lang = (document.documentElement.getAttribute('lang') || '').toLowerCase();
    var names = Object.keys(LOCALES);
    for (var i = 0; i < names.length; i++) if (names[i].toLowerCase() === lang) return names[i];
    var base = lang.split('-')[0];
    for (var j = 0; j < names.length; j++) if (names[j].toLowerCase() === base) return names[j];
    return null;
  }

  // The locale's script hands its object to window.siteBuilderLocales; it is registered with each
  // plotly.js (one per bundle) the first time that one draws in the language.
  function localeFor(name) {
    if (!name) return Promise.resolve(null);
    var given = function () { return (window.siteBuilderLocales || {})[name] || null; };
    if (given()) return Promise.resolve(given());
    if (!/^[\w.-]+\.js$/.test(LOCALES[name])) return Promise.reject(new Error('bad locale file for ' + name));
    return loadScript(BASE + LOCALES[name]).then(function () {
      if (!given()) throw new Error(LOCALES[name] + ' did not give the locale ' + name);
      return given();
    });
  }

  // Our own words in the page's language ({name} placeholders filled from `values`); English is the key.
  function word(key, values) {
    var name = localeName();
    var text = (name && WORDS[name] && WORDS[name][key]) || key;
    return text.replace(/\{(\w+)\}/g, function (all, placeholder) {
      return values && placeholder in values ? values[placeholder] : all;
    });
  }

  function registerLocale(Plotly, locale) {
    if (!locale) return;
    var done = Plotly.__sbLocales || (Plotly.__sbLocales = {});
    if (done[locale.name]) return;
    Plotly.register(locale);
    done[locale.name] = true;
  }

  /* ---------- drawing ---------- */

  function fail(figure, id, err) {
    figure.classList.add('sb-chart--failed');
    var table = figure.querySelector('.sb-chart__table');
    if (table) table.open = true;
    console.error('site-builder: could not draw chart ' + id, err);
  }

  // A page opened from a folder (file://) may load scripts beside it but not fetch() them: there
  // the figure and the map's geometry come as scripts that hand them over (figure.js beside
  // figure.json, world_110m.js beside world_110m.json), each added once.
  var FROM_FILE = window.location.protocol === 'file:';
  var scriptLoads = {};       // url -> Promise, for the file:// scripts

  function loadScript(url) {
    if (!scriptLoads[url]) {
      scriptLoads[url] = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = url;
        script.onload = resolve;
        script.onerror = function () {
          delete scriptLoads[url];
          reject(new Error('could not load ' + url));
        };
        document.head.appendChild(script);
      });
    }
    return scriptLoads[url];
  }

  function figureFromScript(figure, url) {
    var id = figure.getAttribute('data-sb-chart');
    return loadScript(url.replace(/\.json$/, '.js')).then(function () {
      var given = window.siteBuilderFigures && window.siteBuilderFigures[id];
      if (!given) throw new Error(url.replace(/\.json$/, '.js') + ' did not give the figure of ' + id);
      return JSON.stringify(given);
    });
  }

  // plotly.js fetches a map's geometry from topojsonURL, which a file:// page cannot; it takes
  // it from window.PlotlyGeoAssets when that has it.
  function geometryFor(figure) {
    var traces = figure.getAttribute('data-sb-traces') || '';
    if (!FROM_FILE || !/\b(choropleth|scattergeo)\b/.test(traces)) return Promise.resolve();
    return loadScript(BASE + CONFIG.topojson + 'world_110m.js');
  }

  // The figure is not in the page (a page costs only its posters): it is the chart's
  // "Plotly figure" download, charts/<id>/figure.json, fetched when the chart draws.
  function figureText(figure) {
    var url = figure.getAttribute('data-sb-figure');
    if (!url) return Promise.reject(new Error('no data-sb-figure on the chart'));
    if (FROM_FILE) return figureFromScript(figure, url);
    return fetch(url, { credentials: 'same-origin' }).then(function (response) {
      if (!response.ok) throw new Error('could not load ' + url + ' (HTTP ' + response.status + ')');
      return response.text();
    });
  }

  function draw(figure) {
    if (drawing.has(figure)) return drawing.get(figure);
    var id = figure.getAttribute('data-sb-chart') || figure.id;
    var plot = figure.querySelector('.sb-chart__plot');
    var spec, layout;
    figure.classList.add('sb-chart--loading');
    plot.setAttribute('aria-busy', 'true');
    var language = localeName();
    var done = Promise.all([figureText(figure), plotlyFor(figure), geometryFor(figure), localeFor(language)]).then(function (loaded) {
      var text = loaded[0], Plotly = loaded[1];
      registerLocale(Plotly, loaded[3]);
      spec = JSON.parse(text);
      // plotly writes into the layout it is given (autoranges, zoom); keep a
      // pristine copy to re-theme from.
      layout = JSON.parse(text).layout || {};
      if (!document.contains(figure)) return;  // navigated away while loading
      // CSS gives the plot area its height; a figure that sets its own wins (the template sets it too).
      if (typeof layout.height === 'number') plot.style.height = layout.height + 'px';
      var config = {
        responsive: true,
        displaylogo: false,
        // plotly.js 4 adds a "Share chart..." button that uploads the chart
        // to Plotly Cloud: a third-party host, and the reader's data with it.
        showSendToCloud: false,
        showEditInChartStudio: false,
        scrollZoom: false,  // wheel-scrolling past a map must scroll the page
        topojsonURL: BASE + CONFIG.topojson,
        modeBarButtonsToRemove: REMOVED_BUTTONS,
        toImageButtonOptions: { filename: id }
      };
      if (loaded[3]) config.locale = loaded[3].name;
      var drawnScheme = scheme();
      var poster = plot.querySelector('.sb-chart__poster img');
      var alt = plot.getAttribute('aria-label') || (poster ? poster.alt : '');
      if (spec.layout && spec.layout.annotations) spec.layout.annotations = fitEvents(spec.layout.annotations, plot.clientWidth);
      return Plotly.newPlot(plot, spec.data || [], merge(spec.layout, overridesFor(layout, drawnScheme)), config)
        .then(function () {
          var chart = { id: id, figure: figure, plot: plot, Plotly: Plotly, layout: layout, alt: alt };
          labelDrawing(chart);
          // plotly may rebuild its svgs on a later relayout or resize.
          if (plot.on) plot.on('plotly_afterplot', function () { labelDrawing(chart); });
          // The palette may have flipped while plotly was drawing.
          if (drawnScheme !== scheme()) applyTheme(chart, scheme());
          watchSize(chart);
          drawn.push(chart);
          // The stylesheet hides the Explore button once the chart is drawn: a reader whose focus
          // is on it (they tabbed to it, which started the drawing) would be left on the page's
          // body, the chart behind them. Focus moves into the chart it stood for instead.
          var explore = figure.querySelector('button.sb-chart__explore');
          var focused = explore && document.activeElement === explore;
          // A mouse on its way to the Explore button draws the chart as it crosses the plot area,
          // and plotly's toolbar appears where the button was: the click meant for Explore would
          // download a PNG. Under the pointer, the button stays until the pointer leaves it.
          if (explore && explore.matches(':hover')) {
            explore.classList.add('sb-chart__explore--held');
            explore.addEventListener('pointerleave', function () {
              explore.classList.remove('sb-chart__explore--held');
            }, { once: true });
          }
          figure.classList.add('sb-chart--drawn');
          if (focused) focusChart(figure);
          // Image downloads need the drawn chart; without JavaScript they stay hidden.
          var images = figure.querySelector('.sb-chart__image-buttons');
          if (images) images.hidden = false;
        });
    }).catch(function (err) { fail(figure, id, err); }).then(function () {
      figure.classList.remove('sb-chart--loading');
      plot.removeAttribute('aria-busy');
    });
    drawing.set(figure, done);
    return done;
  }

  // The text alternative. The template gives .sb-chart__plot role="img" and
  // the alt text, which is right until plotly draws into it: from then on it
  // holds the modebar's buttons, and an img's content is presentational, so
  // screen readers could not reach them (axe: nested-interactive). Once drawn,
  // the name moves to the drawing itself (plotly's first svg); plotly's other
  // svgs (legend, titles, hover labels: what the alt text and the data table
  // already say) are hidden from assistive technology, and the toolbar is
  // named after the chart so its buttons say which chart they act on.
  function labelDrawing(chart) {
    var plot = chart.plot;
    var svgs = plot.querySelectorAll('.svg-container > svg.main-svg');
    if (!svgs.length) return;
    plot.removeAttribute('role');
    plot.removeAttribute('aria-label');
    Array.prototype.forEach.call(svgs, function (svg, index) {
      if (index === 0) {
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', chart.alt);
      } else {
        svg.setAttribute('aria-hidden', 'true');
      }
    });
    var toolbar = plot.querySelector('.modebar');
    var title = chart.figure.querySelector('.sb-chart__title');
    if (toolbar && title) toolbar.setAttribute('aria-label', word('Chart tools: {title}', { title: title.textContent.trim() }));
    // Each button has its aria-label; its icon is decoration.
    Array.prototype.forEach.call(plot.querySelectorAll('.modebar-btn svg'), function (icon) {
      icon.setAttribute('aria-hidden', 'true');
    });
  }

  // Event labels collide on a phone-sized chart: below this width each shows its number,
  // which the numbered list under the chart explains.
  var NARROW = 760;

  function fitEvents(annotations, width) {
    return (annotations || []).map(function (a) {
      var match = /^sb-event-(\d+)$/.exec(a.name || '');
      return match && width < NARROW ? merge(a, { text: match[1], xanchor: 'center', xshift: 0, align: 'center' }) : a;
    });
  }

  // responsive:true follows window resizes only; a chart inside a Material
  // content tab or <details> also changes size when its container is shown.
  function watchSize(chart) {
    if (!window.ResizeObserver) return;
    var width = chart.plot.clientWidth;
    chart.resizeObserver = new ResizeObserver(function (entries) {
      var w = Math.round(entries[entries.length - 1].contentRect.width);
      if (w > 0 && w !== width) {
        var crossed = (w < NARROW) !== (width < NARROW);
        width = w;
        if (crossed && chart.layout.annotations) {
          chart.Plotly.relayout(chart.plot, { annotations: fitEvents(chart.layout.annotations, w) });
        }
        chart.Plotly.Plots.resize(chart.plot);
      }
    });
    chart.resizeObserver.observe(chart.plot);
  }

  /* ---------- page scanning ---------- */

  var visibility = window.IntersectionObserver ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      visibility.unobserve(entry.target);
      pending.delete(entry.target);
      draw(entry.target);
    });
  }, { rootMargin: '200px 0px' }) : null;

  // Instant navigation swaps the page content: forget charts that left it, and
  // purge them so plotly drops their window resize listeners.
  function prune() {
    drawn = drawn.filter(function (chart) {
      if (document.contains(chart.figure)) return true;
      if (chart.resizeObserver) chart.resizeObserver.disconnect();
      chart.Plotly.purge(chart.plot);
      return false;
    });
    pending.forEach(function (figure) {
      if (visibility && !document.contains(figure)) {
        visibility.unobserve(figure);
        pending.delete(figure);
      }
    });
  }

  // Not ours, but on every page we load on: mkdocs-material 9's search
  // overlay is role="dialog" with no name (axe: aria-dialog-name, serious).
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
    if (dialog) dialog.setAttribute('aria-label', word('Search'));
  }

  function scan() {
    nameSearchDialog();
    prune();
    var figures = document.querySelectorAll('figure.sb-chart[data-sb-chart]');
    Array.prototype.forEach.call(figures, function (figure) {
      if (seen.has(figure)) return;
      seen.add(figure);
      var explore = figure.querySelector('button.sb-chart__explore');
      if (explore) {
        explore.hidden = false;  // a poster: drawn when the reader reaches for it (onReach)
      } else if (visibility) {
        pending.add(figure);
        visibility.observe(figure);
      } else {
        draw(figure);
      }
    });
    showCopyButtons();
    retheme();
  }

  /* ---------- posters: the interactive chart when the reader reaches for it ---------- */

  // Delegated, so charts that instant navigation brings in are served too. A pointer over the
  // chart (a mouse, or the finger of a tap) or focus on its "Explore" button starts the drawing;
  // a click on the button also moves the focus into the chart once it is drawn.
  function posterFigure(target) {
    var plot = target && target.closest ? target.closest('.sb-chart__plot') : null;
    var figure = plot && plot.closest('figure.sb-chart--poster');
    return figure && !figure.classList.contains('sb-chart--drawn') ? figure : null;
  }

  function onReach(event) {
    var explore = event.type === 'click' && event.target && event.target.closest
      ? event.target.closest('figure.sb-chart--poster button.sb-chart__explore') : null;
    if (explore) {  // drawn already, if the pointer drew it on its way to the button (then held)
      var chart = explore.closest('figure.sb-chart');
      draw(chart).then(function () {
        focusChart(chart);
        explore.classList.remove('sb-chart__explore--held');
      });
      return;
    }
    var figure = posterFigure(event.target);
    if (figure) draw(figure);
  }

  // The drawn chart's image (its first svg, named after the chart by labelDrawing): Tab goes on
  // from there to the chart's toolbar.
  function focusChart(figure) {
    var svg = figure.querySelector('.sb-chart__plot svg.main-svg[role="img"]');
    if (svg) {
      svg.setAttribute('tabindex', '-1');
      svg.focus();
    }
  }

  /* ---------- share: image downloads and the embed snippet ---------- */

  // One delegated listener serves every chart, including those instant navigation brings in.
  function onShareClick(event) {
    var button = event.target.closest ? event.target.closest('button.sb-chart__image, button.sb-chart__copy') : null;
    if (!button) return;
    var figure = button.closest('figure.sb-chart');
    if (button.classList.contains('sb-chart__image')) {
      var chart = drawn.filter(function (c) { return c.figure === figure; })[0];
      if (chart) {
        chart.Plotly.downloadImage(chart.plot, {
          format: button.getAttribute('data-format'), filename: chart.id, width: 1200, height: 675
        });
      }
      return;
    }
    var code = figure.querySelector('.sb-chart__embed-code');
    var done = function () { button.textContent = word('Copied'); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(code.value).then(done, function () { code.select(); });
    } else {
      code.select();
      if (document.execCommand && document.execCommand('copy')) done();
    }
  }

  function showCopyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll('button.sb-chart__copy[hidden]'), function (b) { b.hidden = false; });
  }

  function start() {
    watchScheme();
    document.addEventListener('click', onShareClick);
    ['pointerover', 'focusin', 'click'].forEach(function (type) { document.addEventListener(type, onReach); });
    // Material's document$ emits for the first page too, and after each instant navigation. On a
    // page opened from file://, Material turns instant navigation off by completing document$
    // before it emitted at all: then the page is scanned once, as without Material.
    var scanned = false;
    if (window.document$ && typeof window.document$.subscribe === 'function') {
      window.document$.subscribe({
        next: function () { scanned = true; scan(); },
        complete: function () { if (!scanned) scan(); }
      });
    } else {
      scan();
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
