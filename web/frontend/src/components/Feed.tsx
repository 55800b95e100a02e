import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { Item, Page } from "../api/types";
import { useI18n } from "../i18n";
import { ItemCard } from "./ItemCard";
import { ErrorNote, Spinner } from "./ui";

export type FeedControls = { refresh(): Promise<void>; prepend(item: Item): void };

/**
 * A cursor-paginated list of items (home timeline, a profile's posts). `refresh` reloads the first page and keeps the
 * older pages already shown, so live updates do not lose the reader's place.
 */
export function Feed({ path, empty, label, bind }: {
  path: string;
  empty: string;
  label: string;
  bind?: (controls: FeedControls) => void;
}) {
  const { t, errorText } = useI18n();
  const [items, setItems] = useState<Item[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const join = path.includes("?") ? "&" : "?";

  const refresh = useCallback(async () => {
    try {
      const page = await api<Page<Item>>(`${path}${join}limit=20`);
      setItems((current) => {
        if (!current) return page.items;
        const fresh = new Set(page.items.map((i) => i.id));
        return [...page.items, ...current.filter((i) => !fresh.has(i.id))];
      });
      setCursor((current) => current ?? page.nextCursor ?? null);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [path, join]);

  useEffect(() => {
    setItems(null);
    setCursor(null);
    refresh();
  }, [refresh]);

  useEffect(() => {
    bind?.({
      refresh,
      prepend: (item) => setItems((current) => (current ? [item, ...current.filter((i) => i.id !== item.id)] : [item])),
    });
  }, [bind, refresh]);

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api<Page<Item>>(`${path}${join}limit=20&cursor=${encodeURIComponent(cursor)}`);
      setItems((current) => {
        const known = new Set((current ?? []).map((i) => i.id));
        return [...(current ?? []), ...page.items.filter((i) => !known.has(i.id))];
      });
      setCursor(page.nextCursor ?? null);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  if (items === null && error) return <ErrorNote onRetry={refresh}>{errorText(error)}</ErrorNote>;
  if (items === null) return <Spinner />;
  return (
    <section className="feed" aria-label={label}>
      {error ? <ErrorNote onRetry={refresh}>{errorText(error)}</ErrorNote> : null}
      {items.length === 0 ? <p className="empty">{empty}</p> : (
        <ol className="feed-list">
          {items.map((item) => <li key={item.id}><ItemCard item={item} /></li>)}
        </ol>
      )}
      {cursor && (
        <button type="button" className="button button-ghost button-block" onClick={more} disabled={loadingMore}>
          {t("common.loadMore")}
        </button>
      )}
    </section>
  );
}
