// The library's floor: a bare Svelte Flow page with the same nodes and edges as our canvas
// (default nodes, group nodes for boundaries, default edges with the same labels), in a pane
// of the same size. The bench serves the data as `bench-data.json`; `?w=&h=` set the pane size.
import { mount } from 'svelte';
import '@xyflow/svelte/dist/style.css';
import Bare from './Bare.svelte';
import type { BareData } from './bare-data';

const params = new URLSearchParams(location.search);
const width = Number(params.get('w') ?? 1160);
const height = Number(params.get('h') ?? 850);
const data = (await (await fetch('bench-data.json')).json()) as BareData;
const target = document.getElementById('app');
if (!target) throw new Error('#app missing');
mount(Bare, { target, props: { data, width, height } });
