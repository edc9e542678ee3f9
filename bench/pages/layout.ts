// Auto-layout bench page: the app's own canvas components (component, boundary and connection
// renderers) on a Svelte Flow canvas showing the seeded rows, and the app's layout module
// (`layoutDiagram`, ELK in a module worker). The bench serves the rows as `bench-layout.json`
// and calls `window.__layoutBench` (see layout-api.ts).
import { mount } from 'svelte';
import '@xyflow/svelte/dist/style.css';
import '../../src/app.css';
import LayoutBench from './LayoutBench.svelte';
import type { LayoutWindow } from './layout-api';
import type { DiagramRows } from '../../src/lib/model/patch';

const rows = (await (await fetch('bench-layout.json')).json()) as DiagramRows;
const target = document.getElementById('app');
if (!target) throw new Error('#app missing');
const bench = mount(LayoutBench, { target, props: { rows } });
(window as LayoutWindow).__layoutBench = { warmUp: () => bench.warmUp(), run: () => bench.run() };
