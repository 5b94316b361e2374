// Leaflet glue for the grid editor: the grid's family for context, the border being drawn (Leaflet-Geoman), and the
// problems a check found. Everything arrives as JSON text and every label is text, never HTML (label.js).
import { label } from './label.js';

let geoman = null;

// The drawing plugin is loaded on the editor only, from this site (the CSP allows no other script source).
function loadGeoman() {
  if (L.PM) return Promise.resolve();
  geoman ??= new Promise((resolve, reject) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = 'lib/leaflet-geoman/leaflet-geoman.css';
    document.head.appendChild(css);
    const script = document.createElement('script');
    script.src = 'lib/leaflet-geoman/leaflet-geoman.min.js';
    script.onload = resolve;
    script.onerror = reject;
    document.head.appendChild(script);
  });
  return geoman;
}

const borderStyle = { color: '#1565c0', weight: 3, fillColor: '#1565c0', fillOpacity: 0.2 };

export async function create(element, options, page) {
  await loadGeoman();
  // A view from the start: layers added to a map without one cannot be measured (fit() sets the real one).
  const map = L.map(element, { zoomSnap: 0.25, attributionControl: !!options.tileUrl }).setView([23.2, 113.3], 10);
  if (options.tileUrl) L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || '', maxZoom: 19 }).addTo(map);
  map.pm.setLang(options.lang === 'en' ? 'en' : 'zh');
  map.pm.addControls({
    position: 'topleft', drawMarker: false, drawCircleMarker: false, drawPolyline: false, drawCircle: false, drawText: false,
    drawRectangle: true, drawPolygon: true, editMode: true, dragMode: false, cutPolygon: false, rotateMode: false, removalMode: true,
  });
  map.pm.setGlobalOptions({ pathOptions: borderStyle, snappable: true, snapDistance: 15 });

  const state = {
    map, context: null, border: null, problems: null,

    report() {
      const geometry = this.border ? JSON.stringify(this.border.toGeoJSON().geometry) : null;
      page.invokeMethodAsync('BorderChanged', geometry);
    },

    // One border at a time: a new drawing replaces the last; editing or removing it tells the page.
    adopt(layer, notify) {
      if (this.border && this.border !== layer) map.removeLayer(this.border);
      this.border = layer;
      layer.setStyle(borderStyle);
      layer.on('pm:edit', () => this.report());
      layer.on('pm:remove', () => { this.border = null; this.report(); });
      if (notify) this.report();
    },

    setContext(text) {
      if (this.context) this.context.remove();
      this.context = L.geoJSON(JSON.parse(text), {
        pmIgnore: true,
        style: f => f.properties.role === 'parent'
          ? { color: '#1f4e8c', weight: 2, fill: false, dashArray: null }
          : { color: '#64748b', weight: 1, dashArray: '4 3', fillColor: '#cfdcf0', fillOpacity: 0.3 },
        onEachFeature: (f, layer) => layer.bindTooltip(() => label(f.properties.name, { text: f.properties.code, className: 'mono' }), { sticky: true }),
      }).addTo(map);
      this.context.bringToBack();
    },

    // The border from the stored grid or an uploaded file: one polygon layer, editable like a drawn one.
    setBorder(text) {
      if (this.border) { map.removeLayer(this.border); this.border = null; }
      if (!text) return;
      const group = L.geoJSON(JSON.parse(text));
      const layer = group.getLayers()[0];
      if (!layer) return;
      this.adopt(layer.addTo(map), false);
    },

    setProblems(text) {
      if (this.problems) this.problems.remove();
      this.problems = L.geoJSON(JSON.parse(text), {
        pmIgnore: true,
        style: () => ({ color: '#d32f2f', weight: 2, fillColor: '#d32f2f', fillOpacity: 0.45 }),
        pointToLayer: (_, latlng) => L.circleMarker(latlng, { radius: 7, color: '#d32f2f', fillOpacity: 0.7 }),
        onEachFeature: (f, layer) => layer.bindTooltip(() => label({ text: f.properties.label, bold: true }), { sticky: true }),
      }).addTo(map);
      if (this.problems.getLayers().length) map.fitBounds(this.problems.getBounds(), { padding: [24, 24], maxZoom: 16 });
    },

    fit() {
      let bounds = this.border ? this.border.getBounds() : null;
      const c = this.context ? this.context.getBounds() : null;
      if (c && c.isValid()) bounds = bounds ? bounds.extend(c) : c;
      if (bounds && bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
      setTimeout(() => map.invalidateSize(), 50);
    },

    dispose() { map.remove(); },
  };
  map.on('pm:create', e => state.adopt(e.layer, true));
  return state;
}
