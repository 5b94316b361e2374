// Leaflet glue for the border-import page: draws the problems an import check found (overlaps, gaps, parts
// outside the parent, other findings) over the current grids for context, and zooms to one problem on request.
import { label } from './label.js';

export const colours = { Overlap: '#d32f2f', Gap: '#f57c00', OutsideParent: '#7b1fa2', other: '#8b0000' };

// Changes a repair made (kinds "Repair:…") are green: they are what will be saved, not what is wrong.
const repairColour = '#2e7d32';
function colourOf(kind) { return kind.startsWith('Repair:') ? repairColour : colours[kind] || colours.other; }

export function create(element, options) {
  const map = L.map(element, { zoomSnap: 0.25, preferCanvas: false, attributionControl: !!options.tileUrl });
  if (options.tileUrl) {
    L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || '', maxZoom: 19 }).addTo(map);
  }
  const state = {
    map,
    context: null,
    problems: null,
    byIndex: new Map(),
    flash: null,

    // Current grids as a pale background: parents outlined, their children thin and dashed.
    setContext(geojsonText) {
      if (this.context) this.context.remove();
      const data = JSON.parse(geojsonText);
      this.context = L.geoJSON(data, {
        interactive: true,
        style: f => f.properties.role === 'parent'
          ? { color: '#1f4e8c', weight: 2, fill: false, opacity: 0.9 }
          : { color: '#64748b', weight: 1, dashArray: '4 3', fillColor: '#cfdcf0', fillOpacity: 0.25 },
        onEachFeature: (f, layer) => {
          const p = f.properties;
          layer.bindTooltip(() => label(p.name, { text: p.code, className: 'mono' }), { sticky: true });
        },
      }).addTo(map);
      this.context.bringToBack();
    },

    // Problems: areas filled in their colour, with a ring marker at the centre so even a few square metres show.
    setProblems(geojsonText) {
      if (this.problems) this.problems.remove();
      this.byIndex.clear();
      const data = JSON.parse(geojsonText);
      const group = L.featureGroup();
      for (const f of data.features) {
        const p = f.properties;
        const colour = colourOf(p.kind);
        // A function, so the shape and its pin each get their own copy of the label.
        const tip = () => label({ text: p.label, bold: true }, p.codes, p.area ? `${p.area} m²` : null);
        const shape = L.geoJSON(f, {
          style: () => ({ color: colour, weight: 2, fillColor: colour, fillOpacity: 0.45 }),
          pointToLayer: (_, latlng) => L.circleMarker(latlng, { radius: 7, color: colour, weight: 2, fillColor: colour, fillOpacity: 0.7 }),
        });
        shape.bindTooltip(tip, { sticky: true });
        group.addLayer(shape);
        let pin = null;
        if (p.pin && f.geometry.type !== 'Point') {
          pin = L.circleMarker(p.pin, { radius: 6, color: colour, weight: 2, fill: true, fillColor: '#fff', fillOpacity: 0.9 })
            .bindTooltip(tip);
          group.addLayer(pin);
        }
        // Zoom target: the problem's largest piece (a gap may be many slivers along a border).
        const bounds = p.focus ? L.latLngBounds(p.focus) : shape.getBounds();
        this.byIndex.set(p.index, { shape, pin, bounds });
      }
      this.problems = group.addTo(map);
      this.fit();
    },

    fit() {
      let bounds = this.problems && this.problems.getLayers().length ? this.problems.getBounds() : null;
      if (this.context) {
        const c = this.context.getBounds();
        if (c.isValid()) bounds = bounds && bounds.isValid() ? bounds.extend(c) : c;
      }
      if (bounds && bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16] });
      setTimeout(() => map.invalidateSize(), 50);
    },

    // Zooms to one problem and makes it blink, so it can be found even when it is a sliver.
    focus(index) {
      const entry = this.byIndex.get(index);
      if (!entry || !entry.bounds.isValid()) return;
      const el = map.getContainer();
      const box = el.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) el.scrollIntoView({ behavior: 'smooth', block: 'center' });
      map.invalidateSize();
      map.fitBounds(entry.bounds, { padding: [48, 48], maxZoom: 18 });
      if (this.flash) { this.flash.remove(); this.flash = null; }
      const ring = L.rectangle(entry.bounds.pad(0.15), { color: '#111', weight: 2, dashArray: '6 4', fill: false, interactive: false }).addTo(map);
      this.flash = ring;
      if (entry.pin) entry.pin.openTooltip();
      else entry.shape.eachLayer(l => l.openTooltip && l.openTooltip());
      setTimeout(() => { if (this.flash === ring) { ring.remove(); this.flash = null; } }, 4000);
    },

    dispose() { map.remove(); },
  };
  return state;
}
