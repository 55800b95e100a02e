import type { ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { useMe } from "../auth/me";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { useNotifications } from "../live/notifications";
import { BellIcon, CardIcon, ChatIcon, CoinIcon, GearIcon, HomeIcon, LockIcon, Logo, PiggyIcon, UserIcon, WalletIcon } from "./icons";
import { Avatar } from "./ui";

type NavItem = { href: string; label: MessageKey; icon: ReactNode; match: (path: string) => boolean; desktopOnly?: boolean };

export function LanguageToggle({ className }: { className?: string }) {
  const { t, lang, setLang } = useI18n();
  return (
    <button type="button" className={`lang-toggle ${className ?? ""}`} lang={lang === "en" ? "fr" : "en"}
      aria-label={t("lang.switchLabel")} onClick={() => setLang(lang === "en" ? "fr" : "en")}>
      {lang === "en" ? "FR" : "EN"}
      <span className="lang-toggle-long" aria-hidden="true"> · {t("lang.switch")}</span>
    </button>
  );
}

function Balance({ compact }: { compact?: boolean }) {
  const { wallet } = useMe();
  const { t, money } = useI18n();
  if (!wallet) return null;
  return (
    <Link href="/wallet" className={compact ? "balance-pill" : "balance-card"} data-testid={compact ? undefined : "nav-balance"}>
      <span className="balance-label">{t("common.balance")}</span>
      <span className="balance-amount">{money(wallet.balance)}</span>
    </Link>
  );
}

/** The signed-in frame: a side bar on wide screens, a top bar and a bottom tab bar on phones. */
export function Layout({ children }: { children: ReactNode }) {
  const { t, plural } = useI18n();
  const { me } = useMe();
  const { unread } = useNotifications();
  const [location] = useLocation();
  const profile = me ? `/u/${me.handle}` : "/";

  const items: NavItem[] = [
    { href: "/", label: "nav.home", icon: <HomeIcon />, match: (p) => p === "/" },
    { href: "/messages", label: "nav.messages", icon: <ChatIcon />, match: (p) => p.startsWith("/messages") },
    { href: "/notifications", label: "nav.notifications", icon: <BellIcon />, match: (p) => p.startsWith("/notifications") },
    { href: "/wallet", label: "nav.wallet", icon: <WalletIcon />, match: (p) => p.startsWith("/wallet") || p.startsWith("/pay") },
    { href: "/cards", label: "nav.cards", icon: <CardIcon />, match: (p) => p.startsWith("/cards") },
    { href: "/savings", label: "nav.savings", icon: <PiggyIcon />, match: (p) => p.startsWith("/savings") },
    { href: "/pots", label: "nav.pots", icon: <CoinIcon />, match: (p) => p.startsWith("/pots") },
    { href: "/budget", label: "nav.budget", icon: <CoinIcon />, match: (p) => p.startsWith("/budget") || p.startsWith("/earnings") },
    { href: "/campaigns", label: "nav.campaigns", icon: <CoinIcon />, match: (p) => p.startsWith("/campaigns") },
    { href: "/requests", label: "nav.requests", icon: <WalletIcon />, match: (p) => p.startsWith("/requests") },
    { href: "/unlocks", label: "nav.unlocks", icon: <LockIcon />, match: (p) => p.startsWith("/unlock") },
    { href: "/crypto", label: "nav.crypto", icon: <CoinIcon />, match: (p) => p.startsWith("/crypto") },
    { href: "/merchants", label: "nav.merchants", icon: <CardIcon />, match: (p) => p.startsWith("/merchants") },
    { href: profile, label: "nav.profile", icon: <UserIcon />, match: (p) => p === profile, desktopOnly: true },
    { href: "/settings", label: "nav.settings", icon: <GearIcon />, match: (p) => p.startsWith("/settings") },
  ];

  return (
    <>
      <a className="skip-link" href="#main">{t("nav.skip")}</a>
      <div className="shell">
        <header className="topbar">
          <Link href="/" className="brand" aria-label="Piaf"><Logo size={30} /><span className="brand-name">Piaf</span></Link>
          <div className="topbar-end">
            <Balance compact />
            <LanguageToggle />
            {me && <Link href={profile} className="topbar-avatar" aria-label={t("nav.profile")}><Avatar user={me} size={34} /></Link>}
          </div>
        </header>

        <nav className="sidenav" aria-label={t("nav.main")}>
          <Link href="/" className="brand sidenav-brand" aria-label="Piaf"><Logo size={36} /><span className="brand-name">Piaf</span></Link>
          <ul>
            {items.map((item) => {
              const active = item.match(location);
              const badge = item.href === "/notifications" && unread > 0;
              return (
                <li key={item.label} className={item.desktopOnly ? "desktop-only" : undefined}>
                  <Link href={item.href} className={`nav-link${active ? " active" : ""}`} aria-current={active ? "page" : undefined}>
                    <span className="nav-icon">
                      {item.icon}
                      {badge && <span className="badge" data-testid="unread-badge" aria-hidden="true">{unread > 99 ? "99+" : unread}</span>}
                    </span>
                    <span className="nav-label">{t(item.label)}</span>
                    {badge && <span className="visually-hidden">, {plural("nav.unread", unread)}</span>}
                  </Link>
                </li>
              );
            })}
          </ul>
          <div className="sidenav-footer">
            <Balance />
            {me && (
              <Link href={profile} className="sidenav-me">
                <Avatar user={me} size={38} />
                <span className="sidenav-me-text">
                  <span className="sidenav-me-name">{me.displayName}</span>
                  <span className="muted">@{me.handle}</span>
                </span>
              </Link>
            )}
            <LanguageToggle className="sidenav-lang" />
          </div>
        </nav>

        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
