// Leaflet glue for the grid map: draws one level of borders, reports clicks back to .NET for drill-down,
// and draws businesses as dots coloured by risk class, each opening a popup with a link to its page.
// Works with no tile layer at all (plain background).
import { label, textElement } from './label.js';

// Fills by workload and by staffing problems, lightest first (the legend's gradients in app.css follow them).
const palette = ['#eef3fb', '#cfdcf0', '#a9c1e4', '#7fa3d6', '#5683c4', '#2f62ad', '#1f4e8c'];
const warning = ['#f1f5f9', '#fde2d4', '#f9b79a', '#f08a62', '#d9534f', '#b52b27', '#8b1a17'];
// The risk classes' colours of app.css (.risk-A … .risk-D).
const riskColours = { A: '#2e7d32', B: '#1565c0', C: '#ef6c00', D: '#c62828' };
// Beyond this many areas permanent names cost more than they tell; the rest are named on hover.
const maxNamedAreas = 200;

export function create(element, options) {
  const map = L.map(element, { zoomSnap: 0.25, preferCanvas: true, attributionControl: !!options.tileUrl });
  if (options.tileUrl) {
    L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || '', maxZoom: 19 }).addTo(map);
  }
  // Dots are SVG (one element each, big enough to tap); borders stay on the canvas.
  const dots = L.svg({ padding: 0.5 });
  const texts = options.texts || {};
  const instance = {
    map,
    borders: null,
    markers: null,
    setBorders(geojsonText, dotnet, highlightCode, colourBy) {
      const data = JSON.parse(geojsonText);
      const measure = colourBy === 'staffing' ? 'staffingProblems' : 'businessCount';
      const colours = colourBy === 'staffing' ? warning : palette;
      const counts = data.features.map(f => f.properties[measure] || 0);
      const max = Math.max(1, ...counts);
      const named = data.features.length <= maxNamedAreas;
      if (this.borders) this.borders.remove();
      this.borders = L.geoJSON(data, {
        style: f => ({
          color: f.properties.code === highlightCode ? '#c0392b' : '#1f4e8c',
          weight: f.properties.code === highlightCode ? 3 : 1.5,
          fillColor: colours[Math.min(colours.length - 1, Math.ceil((f.properties[measure] || 0) / max * (colours.length - 1)))],
          fillOpacity: 0.55,
        }),
        onEachFeature: (f, layer) => {
          const p = f.properties;
          if (named) {
            layer.bindTooltip(label(p.name), { permanent: true, direction: 'center', className: 'grid-label' });
          } else {
            layer.bindTooltip(() => label(p.name, `${p.code} · ${p.businessCount}`), { sticky: true });
          }
          if (dotnet) layer.on('click', () => dotnet.invokeMethodAsync('OnGridClicked', p.code));
        },
      }).addTo(map);
      const bounds = this.borders.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
      // The container may have been laid out after Leaflet measured it: measure again and fit again.
      setTimeout(() => {
        map.invalidateSize();
        if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
        declutter(map, this.borders);
      }, 50);
      declutter(map, this.borders);
    },
    setBusinesses(points) {
      if (this.markers) this.markers.remove();
      this.markers = L.layerGroup(points.map(p => dot(p, dots, texts))).addTo(map);
    },
    dispose() { map.remove(); },
  };
  map.on('zoomend resize', () => declutter(map, instance.borders));
  return instance;
}

/** A business as a dot of its risk class; a tap opens its name (as text) and a link to its page. */
function dot(p, renderer, texts) {
  const colour = riskColours[p.riskClass] || '#6b7280';
  const marker = L.circleMarker([p.lat, p.lon], {
    renderer, radius: 6, color: '#ffffff', weight: 1.5, fillColor: colour, fillOpacity: 0.9,
    className: `business-dot business-dot-${p.riskClass}`,
  });
  marker.bindTooltip(() => label(p.name));
  marker.bindPopup(() => popup(p, texts), {
    className: 'business-popup', maxWidth: 260,
    // Clear of the zoom buttons in the top left corner, which sit above popups.
    autoPanPaddingTopLeft: [56, 12],
  });
  // A tap opens the tooltip too; the popup already names the business.
  marker.on('popupopen', () => marker.closeTooltip());
  return marker;
}

function popup(p, texts) {
  const root = document.createElement('div');
  root.appendChild(textElement('div', 'business-popup-name', p.name));
  const line = document.createElement('div');
  line.className = 'business-popup-line';
  line.appendChild(textElement('span', `risk-chip risk-${p.riskClass}`, p.riskClass));
  if (p.status) line.appendChild(textElement('span', 'muted', p.status));
  root.appendChild(line);
  const link = textElement('a', 'business-popup-link', texts.openBusiness || '→');
  link.href = `businesses/${encodeURIComponent(p.id)}`;
  root.appendChild(link);
  return root;
}

/**
 * Shows an area's name only where it fits: inside the area's box on screen and clear of every name already
 * shown (bigger areas first). Reads every box before changing any, so the page lays out once.
 */
function declutter(map, borders) {
  if (!borders) return;
  const items = [];
  borders.eachLayer(layer => {
    const tooltip = layer.getTooltip && layer.getTooltip();
    const el = tooltip && tooltip.options.permanent && tooltip.getElement && tooltip.getElement();
    if (!el || !layer.getBounds) return;
    const b = layer.getBounds();
    const ne = map.latLngToContainerPoint(b.getNorthEast());
    const sw = map.latLngToContainerPoint(b.getSouthWest());
    items.push({ el, width: Math.abs(ne.x - sw.x), height: Math.abs(sw.y - ne.y) });
  });
  for (const item of items) item.el.classList.remove('grid-label-hidden');
  for (const item of items) item.box = item.el.getBoundingClientRect();
  items.sort((a, b) => b.width * b.height - a.width * a.height);
  const shown = [];
  for (const item of items) {
    const fits = item.box.width <= item.width && item.box.height <= item.height
      && !shown.some(s => overlaps(s, item.box));
    if (fits) shown.push(item.box);
    else item.el.classList.add('grid-label-hidden');
  }
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}
