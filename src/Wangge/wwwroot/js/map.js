// Leaflet glue for the grid map: draws one level of borders, reports clicks back to .NET for drill-down,
// and draws businesses as light circle markers. Works with no tile layer at all (plain background).
import { label } from './label.js';

const palette = ['#eef3fb', '#cfdcf0', '#a9c1e4', '#7fa3d6', '#5683c4', '#2f62ad', '#1f4e8c'];
const warning = ['#f1f5f9', '#fde2d4', '#f9b79a', '#f08a62', '#d9534f', '#b52b27', '#8b1a17'];

export function create(element, options) {
  const map = L.map(element, { zoomSnap: 0.25, preferCanvas: true, attributionControl: !!options.tileUrl });
  if (options.tileUrl) {
    L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || '', maxZoom: 19 }).addTo(map);
  }
  return {
    map,
    borders: null,
    markers: null,
    setBorders(geojsonText, dotnet, highlightCode, colourBy) {
      const data = JSON.parse(geojsonText);
      const measure = colourBy === 'staffing' ? 'staffingProblems' : 'businessCount';
      const colours = colourBy === 'staffing' ? warning : palette;
      const counts = data.features.map(f => f.properties[measure] || 0);
      const max = Math.max(1, ...counts);
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
          // Few areas: name them on the map; many: name them on hover only.
          if (data.features.length <= 40) {
            layer.bindTooltip(label(p.name), { permanent: true, direction: 'center', className: 'grid-label' });
          } else {
            layer.bindTooltip(() => label(p.name, `${p.code} · ${p.businessCount}`), { sticky: true });
          }
          if (dotnet) layer.on('click', () => dotnet.invokeMethodAsync('OnGridClicked', p.code));
        },
      }).addTo(map);
      const bounds = this.borders.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
      // The container may have been laid out after Leaflet measured it.
      setTimeout(() => map.invalidateSize(), 50);
    },
    setBusinesses(points) {
      if (this.markers) this.markers.remove();
      this.markers = L.layerGroup(points.map(p =>
        L.circleMarker([p.lat, p.lon], { radius: 3, color: '#c0392b', weight: 1, fillOpacity: 0.8 })
          .bindTooltip(() => label(p.name)))).addTo(map);
    },
    dispose() { map.remove(); },
  };
}
