// Leaflet glue for the districting page: base units filled in their district's colour, district borders drawn
// thick and labelled with number and workload; clicking a unit asks .NET to move it into the chosen district.
import { format, label, textElement } from './label.js';

export function create(element, options) {
  const map = L.map(element, { zoomSnap: 0.25, attributionControl: !!options.tileUrl });
  if (options.tileUrl) {
    L.tileLayer(options.tileUrl, { attribution: options.tileAttribution || '', maxZoom: 19 }).addTo(map);
  }
  const palette = options.palette;
  const colourOf = d => palette[((d % palette.length) + palette.length) % palette.length];
  map.createPane('districts').style.zIndex = 420;
  map.getPane('districts').style.pointerEvents = 'none';
  map.createPane('labels').style.zIndex = 650;
  map.getPane('labels').style.pointerEvents = 'none';

  map.on('zoomend', () => state.compact());
  const state = {
    map,
    units: null,
    layersById: new Map(),
    assignment: {},
    districts: null,
    labels: null,
    target: null,
    dotnet: null,
    tip: options.unitTip || '{0} · {1} · {2}',

    unitStyle(id) {
      const d = this.assignment[id];
      return { color: '#ffffff', weight: 0.8, opacity: 0.9, fillColor: colourOf(d), fillOpacity: this.target === null || this.target === d ? 0.72 : 0.5 };
    },

    // Draws a new proposal: every unit, then the districts on top.
    showPlan(unitsText, districtsText, dotnet) {
      this.dotnet = dotnet;
      const data = JSON.parse(unitsText);
      if (this.units) this.units.remove();
      this.layersById.clear();
      this.assignment = {};
      for (const f of data.features) this.assignment[f.properties.id] = f.properties.district;
      this.units = L.geoJSON(data, {
        style: f => this.unitStyle(f.properties.id),
        onEachFeature: (f, layer) => {
          const p = f.properties;
          this.layersById.set(p.id, layer);
          layer.bindTooltip(() => label(format(this.tip, p.name, p.weight, this.assignment[p.id] + 1)), { sticky: true });
          layer.on('click', () => { if (this.dotnet) this.dotnet.invokeMethodAsync('OnUnitClicked', p.id); });
          layer.on('mouseover', () => layer.setStyle({ weight: 2, color: '#111' }));
          layer.on('mouseout', () => layer.setStyle(this.unitStyle(p.id)));
        },
      }).addTo(map);
      this.setDistricts(districtsText);
      const bounds = this.units.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12], animate: false });
      this.fitZoom = map.getZoom();
      this.compact();
      setTimeout(() => map.invalidateSize(), 50);
    },

    // Many districts at the overview zoom: labels show only the number (workload is in the table and on zoom-in).
    compact() {
      const many = this.lastDistricts && JSON.parse(this.lastDistricts).features.length > 12;
      element.classList.toggle('plan-compact', !!many && map.getZoom() < (this.fitZoom ?? 0) + 1);
    },

    // After an edit: recolour the units that changed and redraw the district borders and labels.
    update(assignment, districtsText) {
      for (const [id, d] of Object.entries(assignment)) {
        if (this.assignment[id] !== d) {
          this.assignment[id] = d;
          const layer = this.layersById.get(id);
          if (layer) layer.setStyle(this.unitStyle(id));
        }
      }
      if (districtsText) this.setDistricts(districtsText);
    },

    // Moves one unit at once on the map, before the server has re-scored the plan.
    move(id, d) {
      this.assignment[id] = d;
      const layer = this.layersById.get(id);
      if (layer) layer.setStyle(this.unitStyle(id));
    },

    setDistricts(districtsText) {
      const data = JSON.parse(districtsText);
      if (this.districts) this.districts.remove();
      if (this.labels) this.labels.remove();
      this.districts = L.geoJSON(data, {
        pane: 'districts',
        interactive: false,
        style: f => {
          const chosen = f.properties.index === this.target;
          const broken = !f.properties.contiguous;
          return { color: chosen ? '#000000' : (broken ? '#b71c1c' : '#263238'), weight: chosen ? 5 : 3, dashArray: broken ? '8 5' : null, fill: false, opacity: 0.95 };
        },
      }).addTo(map);
      this.labels = L.layerGroup(data.features.filter(f => f.properties.labelLat !== null).map(f => {
        const p = f.properties;
        const html = textElement('div', 'plan-label-inner', '');
        const no = html.appendChild(textElement('span', 'plan-label-no', p.index + 1));
        no.style.background = colourOf(p.index);
        html.appendChild(textElement('span', 'plan-label-load', p.load));
        return L.marker([p.labelLat, p.labelLon], {
          pane: 'labels', interactive: false, keyboard: false,
          icon: L.divIcon({ className: 'plan-label' + (p.index === this.target ? ' plan-label-target' : ''), html, iconSize: [0, 0] }),
        });
      })).addTo(map);
      this.lastDistricts = districtsText;
    },

    setTarget(d) {
      this.target = d;
      for (const [id, layer] of this.layersById) layer.setStyle(this.unitStyle(id));
      if (this.lastDistricts) this.setDistricts(this.lastDistricts);
    },

    dispose() { map.remove(); },
  };
  return state;
}
