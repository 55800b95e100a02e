import { useState } from "react";
import { Link, useParams } from "wouter";
import { api, ApiError, enc } from "../api/client";
import type { Profile } from "../api/types";
import { useResource } from "../api/useResource";
import { useMe } from "../auth/me";
import { Feed } from "../components/Feed";
import { ChatIcon, CheckIcon, HeartIcon, LockIcon, SendIcon } from "../components/icons";
import { Avatar, ErrorNote, ScreenTitle, Spinner } from "../components/ui";
import { useI18n } from "../i18n";

export function ProfileScreen() {
  const { handle = "" } = useParams<{ handle: string }>();
  const { t, errorText } = useI18n();
  const { me } = useMe();
  const profile = useResource<Profile>(handle, (signal) => api<Profile>(`/api/users/${enc(handle)}`, { signal }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (profile.error instanceof ApiError && profile.error.status === 404) {
    return <div className="column"><ScreenTitle>@{handle}</ScreenTitle><p className="empty">{t("profile.notFound", { handle })}</p></div>;
  }
  if (profile.error) return <div className="column"><ErrorNote onRetry={profile.reload}>{errorText(profile.error)}</ErrorNote></div>;
  const p = profile.data;
  if (!p) return <div className="column"><Spinner /></div>;

  const isMe = me?.handle === p.handle;
  const charity = p.kind === "CHARITY";

  /** Follow; or, for a protected account, ask to (202 REQUESTED). Clicking again unfollows or withdraws the request. */
  async function toggleFollow() {
    if (!p) return;
    setBusy(true);
    setError(null);
    const following = p.followedByMe;
    const undo = following || p.followRequested;
    try {
      const answer = await api<{ status: string } | undefined>(`/api/users/${enc(p.handle)}/follow`, { method: undo ? "DELETE" : "PUT" });
      const requested = !undo && answer?.status === "REQUESTED";
      profile.set((current) => current && {
        ...current,
        followedByMe: !undo && !requested,
        followRequested: requested,
        followersCount: current.followersCount + (following ? -1 : !undo && !requested ? 1 : 0),
      });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="column">
      <section className="card profile" aria-labelledby="profile-name">
        <div className="profile-banner" aria-hidden="true" />
        <div className="profile-main">
          <Avatar user={p} size={88} />
          <div className="profile-actions">
            {isMe ? (
              <Link href="/settings" className="button button-ghost">{t("profile.edit")}</Link>
            ) : (
              <>
                <Link href={`/messages/${p.handle}`} className="button button-ghost" aria-label={`${t("profile.message")} @${p.handle}`}>
                  <ChatIcon size={18} /> <span className="hide-narrow">{t("profile.message")}</span>
                </Link>
                <Link href={`/pay/new?to=${enc(p.handle)}`} className="button button-ghost" aria-label={`${t("profile.pay")} @${p.handle}`}>
                  {charity ? <HeartIcon size={18} /> : <SendIcon size={18} />} <span className="hide-narrow">{t("profile.pay")}</span>
                </Link>
                <button type="button" className={`button ${p.followedByMe || p.followRequested ? "button-ghost following" : "button-primary"}`}
                  aria-pressed={p.followedByMe || p.followRequested} onClick={toggleFollow} disabled={busy}
                  aria-describedby={p.followRequested ? "follow-requested-hint" : undefined}
                  data-testid="follow-button">
                  {p.followedByMe ? <><CheckIcon size={16} /> {t("profile.following")}</>
                    : p.followRequested ? <><LockIcon size={16} /> {t("profile.requested")}</>
                    : t("profile.follow")}
                </button>
              </>
            )}
          </div>
        </div>
        <div className="profile-text">
          <ScreenTitle><span id="profile-name">{p.displayName || p.handle}</span></ScreenTitle>
          <p className="muted">
            @{p.handle}
            {p.followsMe && <span className="chip">{t("profile.followsYou")}</span>}
            {charity && <span className="chip chip-brand"><CheckIcon size={13} /> {t("profile.charity")}</span>}
            {p.protected && <span className="chip" data-testid="protected-chip"><LockIcon size={13} /> {t("profile.protected")}</span>}
            {isMe && <span className="chip">{t("profile.you")}</span>}
          </p>
          <p className="profile-stats">
            <span><strong data-testid="followers-count">{p.followersCount ?? 0}</strong> {t("profile.followers")}</span>
            <span><strong>{p.followingCount ?? 0}</strong> {t("profile.followingCount")}</span>
          </p>
        </div>
        {p.followRequested && <p className="muted small" id="follow-requested-hint">{t("profile.requestedHint", { handle: p.handle })}</p>}
        {error && <ErrorNote>{error}</ErrorNote>}
      </section>
      <h2 className="section-title">{t("profile.posts")}</h2>
      <Feed path={`/api/users/${enc(p.handle)}/posts`} empty={t("profile.empty")} label={t("profile.posts")} />
    </div>
  );
}
