import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError } from "../api/client";
import type { Money } from "../api/types";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

export type Lang = "en" | "fr";
const catalogs: Record<Lang, Record<MessageKey, string>> = { en, fr };
const CHOICE = "piaf.lang";

/** The user's explicit choice if any, otherwise the browser's languages (what it sends as Accept-Language). */
export function initialLang(): Lang {
  const chosen = localStorage.getItem(CHOICE);
  if (chosen === "en" || chosen === "fr") return chosen;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "fr" || base === "en") return base;
  }
  return "en";
}

/** A full locale for Intl: the browser's own if it is in the chosen language (fr-CA, en-US…), else a default. */
function localeFor(lang: Lang): string {
  const browser = navigator.language ?? "";
  if (browser.toLowerCase().startsWith(lang)) return browser;
  return lang === "fr" ? "fr-FR" : "en-GB";
}

export type Vars = Record<string, string | number>;

export type I18n = {
  lang: Lang;
  locale: string;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Vars): string;
  /** A message with a `.one` / `.other` form chosen by Intl.PluralRules. */
  plural(key: string, n: number, vars?: Vars): string;
  has(key: string): boolean;
  money(value: Money | string | number | undefined | null, currency?: string): string;
  /** A round amount without cents, e.g. "20 €" for a preset button. */
  wholeMoney(value: string | number, currency?: string): string;
  dateTime(iso: string | number | Date): string;
  time(iso: string | number | Date): string;
  relative(iso: string): string;
  errorText(error: unknown): string;
};

const Context = createContext<I18n | null>(null);

function fill(template: string, vars?: Vars) {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(CHOICE, next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const locale = localeFor(lang);
    const catalog = catalogs[lang] as Record<string, string>;
    const t = (key: MessageKey, vars?: Vars) => fill(catalog[key] ?? key, vars);
    const pluralRules = new Intl.PluralRules(locale);
    const moneyFormats = new Map<string, Intl.NumberFormat>();
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
    const timeFormat = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
    const dayFormat = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" });
    const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: "auto", style: "short" });
    return {
      lang,
      locale,
      setLang,
      t,
      has: (key) => key in catalog,
      plural(key, n, vars) {
        const form = pluralRules.select(n);
        const chosen = catalog[`${key}.${form}`] ?? catalog[`${key}.other`] ?? key;
        return fill(chosen, { n, ...vars });
      },
      money(value, currency) {
        if (value === undefined || value === null) return "";
        const amount = typeof value === "object" ? value.amount : String(value);
        const code = (typeof value === "object" ? value.currency : currency) || "EUR";
        let format = moneyFormats.get(code);
        if (!format) {
          format = new Intl.NumberFormat(locale, { style: "currency", currency: code });
          moneyFormats.set(code, format);
        }
        // Amounts travel as exact decimal strings; two decimals display exactly as a double.
        return format.format(Number(amount));
      },
      wholeMoney: (value, currency) =>
        new Intl.NumberFormat(locale, { style: "currency", currency: currency ?? "EUR", maximumFractionDigits: 0 }).format(Number(value)),
      dateTime: (iso) => dateTimeFormat.format(new Date(iso)),
      time: (iso) => timeFormat.format(new Date(iso)),
      relative(iso) {
        const seconds = Math.round((new Date(iso).getTime() - Date.now()) / 1000);
        const abs = Math.abs(seconds);
        if (abs < 45) return relativeFormat.format(0, "second");
        if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), "minute");
        if (abs < 86400) return relativeFormat.format(Math.round(seconds / 3600), "hour");
        if (abs < 7 * 86400) return relativeFormat.format(Math.round(seconds / 86400), "day");
        return dayFormat.format(new Date(iso));
      },
      errorText(error) {
        if (error instanceof ApiError) {
          const key = `error.${error.code}`;
          if (key in catalog) return catalog[key];
          return error.detail || catalog["error.generic"];
        }
        return catalog["error.generic"];
      },
    };
  }, [lang, setLang]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

/**
 * Reads an amount as people type it, in either language: "12,50", "12.5", "12,50 €", "€7" → "12.50". Null when it
 * is not a positive amount with at most two decimals.
 */
export function parseAmount(input: string): string | null {
  const cleaned = input.replace(/[\s\u00a0\u202f€]|eur(os?)?/gi, "").replace(",", ".");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [units, cents = ""] = cleaned.split(".");
  const canonical = `${Number(units)}.${cents.padEnd(2, "0")}`;
  return Number(canonical) > 0 ? canonical : null;
}
