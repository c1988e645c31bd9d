// The key to the map's symbols. No state, so it renders on the server.
import { CATEGORY_COLORS, CATEGORY_LABELS, COUNTRY_AREA_COLOR, MOVEMENT_COLORS, MOVEMENT_LABELS } from '@/lib/palette';
import { CATEGORIES, MOVEMENT_KINDS } from '@/lib/vocab';
import styles from './legend.module.css';

export function Legend() {
  return (
    <details className={styles.legend} data-testid="legend">
      <summary>
        Legend
        <span className={styles.swatches} aria-hidden="true">
          {CATEGORIES.map((c) => (
            <span key={c} className={styles.dot} style={{ background: CATEGORY_COLORS[c] }} />
          ))}
        </span>
      </summary>
      <ul className={styles.grid}>
        {CATEGORIES.map((c) => (
          <li key={c}>
            <span className={styles.dot} style={{ background: CATEGORY_COLORS[c] }} />
            {CATEGORY_LABELS[c]}
          </li>
        ))}
      </ul>
      <ul className={styles.rows}>
        {MOVEMENT_KINDS.map((k) => (
          <li key={k}>
            <span className={styles.line} style={{ background: MOVEMENT_COLORS[k] }} />
            {MOVEMENT_LABELS[k]} (arrow shows direction)
          </li>
        ))}
        <li>
          <span className={styles.dashed} /> origin inferred, or flow alleged / considered
        </li>
        <li>
          <span className={styles.hollow} /> inferred origin · <span className={styles.ringed} /> place inferred
        </li>
        <li>
          <span className={styles.small} />
          <span className={styles.big} /> size = number of sources (1–5)
        </li>
        <li>
          <span className={styles.area} /> region: approximate area
        </li>
        <li>
          <span className={styles.country} style={{ borderColor: COUNTRY_AREA_COLOR }} /> country-level: only the country is known; the dot marks a point inside it
        </li>
        <li>
          <span className={styles.cluster}>3</span> cluster: click to zoom in
        </li>
        <li>
          <span className={styles.unreviewed} /> machine-extracted from an article, not yet reviewed · <span className={styles.clusterHollow}>3</span>{' '}
          <span className={styles.clusterRinged}>3</span> cluster of such events: all, some
        </li>
        <li>
          <span className={styles.feed} /> feed record (e.g. GDELT): machine-coded, no quote; own layer and clusters
        </li>
      </ul>
    </details>
  );
}
