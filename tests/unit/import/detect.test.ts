import { describe, expect, it } from 'vitest';
import { detectImport, looksLikeMermaid } from '../../../src/lib/import/detect';

const zipBytes = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]);

describe('detectImport', () => {
  it.each([
    ['shop.mmd', 'flowchart LR\n A --> B', 'mermaid'],
    ['shop.mermaid', 'graph TD\n A --> B', 'mermaid'],
    ['pasted', 'flowchart LR\n A --> B', 'mermaid'],
    ['pasted', '---\ntitle: Shop\n---\nflowchart LR\n A --> B', 'mermaid'],
    ['pasted', '%%{init: {"theme": "dark"}}%%\ngraph TD\n A --> B', 'mermaid'],
    ['pasted', 'sequenceDiagram\n A->>B: hi', 'mermaid'],
    ['README.md', '# Shop\n\n```mermaid\nflowchart LR\n A --> B\n```\n', 'mermaid-markdown'],
    ['pasted', 'Some text\n\n~~~mermaid\ngraph TD\n A --> B\n~~~\n', 'mermaid-markdown'],
    ['0001-use-kafka.md', '# 1. Use Kafka\n\n## Status\n\nAccepted\n', 'adr'],
    ['pasted', '# Use Kafka\n\n## Context\n\nWe need a log.\n', 'adr'],
    ['backup.json', '{ "format": "faultline-backup", "version": 1 }', 'backup'],
    ['other.json', '{ "hello": 1 }', 'unknown'],
    ['notes.txt', 'just words', 'unknown'],
  ])('%s: %j → %s', (name, text, kind) => {
    expect(detectImport(name, text)).toBe(kind);
  });

  it('recognises a zip by its extension or its first bytes', () => {
    expect(detectImport('adrs.zip', null, zipBytes)).toBe('adr-zip');
    expect(detectImport('download', null, zipBytes)).toBe('adr-zip');
    expect(detectImport('image.png', null, new Uint8Array([0x89, 0x50]))).toBe('unknown');
  });

  it('does not take prose that mentions a diagram type for Mermaid', () => {
    expect(looksLikeMermaid('graphs are nice')).toBe(false);
    expect(looksLikeMermaid('The flowchart below')).toBe(false);
    expect(looksLikeMermaid('\r\n  flowchart TB\r\n  a-->b')).toBe(true);
  });
});
