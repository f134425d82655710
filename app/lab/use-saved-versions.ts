import { useCallback, useEffect, useRef, useState } from "react";
import { readLab, writeLab } from "./idb-cache";
import type { LabVersion } from "./versions";

/**
 * A round's versions and the picked one, kept in IndexedDB under `key` (room, player, round), so
 * a reload or a crashed tab mid-round brings back every trained and compressed model. `restored`
 * turns true once the saved state (if any) is back: work that depends on what is already there
 * (loading the baseline once) waits for it.
 */
export function useSavedVersions(key: string) {
  const [versions, setVersions] = useState<LabVersion[]>([]);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [restored, setRestored] = useState(false);
  const nextId = useRef(1);

  useEffect(() => {
    let live = true;
    void readLab<LabVersion>(key).then((saved) => {
      if (!live) return;
      if (saved && saved.versions.length > 0) {
        // Anything made before the saved state came back (unlikely: IndexedDB answers in ms)
        // is kept after it, renumbered.
        setVersions((made) => {
          const merged = [...saved.versions];
          let id = Math.max(...saved.versions.map((v) => v.id)) + 1;
          for (const v of made) merged.push({ ...v, id: id++ });
          nextId.current = id;
          return merged;
        });
        setSelectedId((current) => current ?? saved.selectedId);
      }
      setRestored(true);
    });
    return () => {
      live = false;
    };
  }, [key]);

  useEffect(() => {
    if (restored) void writeLab(key, { versions, selectedId });
  }, [key, restored, versions, selectedId]);

  const add = useCallback((make: (id: number) => LabVersion): LabVersion => {
    const version = make(nextId.current++);
    setVersions((list) => [...list, version]);
    setSelectedId(version.id);
    return version;
  }, []);

  return { versions, selectedId, setSelectedId, add, restored };
}
