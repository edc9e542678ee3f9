/** Per-browser preferences (theme, snap to grid, review markers), remembered in localStorage. */
export type ThemeChoice = 'system' | 'light' | 'dark';

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage unavailable: the preference lasts for this page only
  }
}

class Preferences {
  theme = $state<ThemeChoice>('system');
  snapToGrid = $state(false);
  /** Review findings shown as markers on the canvas. */
  reviewMarkers = $state(false);

  constructor() {
    if (typeof localStorage === 'undefined') return;
    const theme = read('faultline:theme');
    if (theme === 'light' || theme === 'dark' || theme === 'system') this.theme = theme;
    this.snapToGrid = read('faultline:snap') === 'on';
    this.reviewMarkers = read('faultline:review-markers') === 'on';
    this.applyTheme();
  }

  setTheme(theme: ThemeChoice): void {
    this.theme = theme;
    write('faultline:theme', theme);
    this.applyTheme();
  }

  toggleSnap(): void {
    this.snapToGrid = !this.snapToGrid;
    write('faultline:snap', this.snapToGrid ? 'on' : 'off');
  }

  toggleReviewMarkers(): void {
    this.reviewMarkers = !this.reviewMarkers;
    write('faultline:review-markers', this.reviewMarkers ? 'on' : 'off');
  }

  private applyTheme(): void {
    if (typeof document === 'undefined') return;
    if (this.theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = this.theme;
  }
}

export const preferences = new Preferences();
