/** "Diagram N": N counts from the tab it would become (2 beside "System"), skipping names in use. */
export function nextDiagramName(names: readonly string[]): string {
  const taken = new Set(names.map((n) => n.trim().toLowerCase()));
  for (let n = names.length + 1; ; n++) {
    const name = `Diagram ${n}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}
