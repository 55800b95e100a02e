import { useState } from "react";
import { Link, useParams } from "wouter";
import { api, ApiError, enc } from "../api/client";
import type { Profile } from "../api/types";
import { useResource } from "../api/useResource";
import { useMe } from "../auth/me";
import { Feed } from "../components/Feed";
import { ChatIcon, CheckIcon, HeartIcon, SendIcon } from "../components/icons";
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

  async function toggleFollow() {
    if (!p) return;
    setBusy(true);
    setError(null);
    const following = !!p.followedByMe;
    try {
      await api(`/api/users/${enc(p.handle)}/follow`, { method: following ? "DELETE" : "PUT" });
      profile.set((current) => current && {
        ...current,
        followedByMe: !following,
        followersCount: (current.followersCount ?? 0) + (following ? -1 : 1),
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
                <button type="button" className={`button ${p.followedByMe ? "button-ghost following" : "button-primary"}`}
                  aria-pressed={!!p.followedByMe} onClick={toggleFollow} disabled={busy}
                  data-testid="follow-button">
                  {p.followedByMe ? <><CheckIcon size={16} /> {t("profile.following")}</> : t("profile.follow")}
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
            {isMe && <span className="chip">{t("profile.you")}</span>}
          </p>
          <p className="profile-stats">
            <span><strong data-testid="followers-count">{p.followersCount ?? 0}</strong> {t("profile.followers")}</span>
            <span><strong>{p.followingCount ?? 0}</strong> {t("profile.followingCount")}</span>
          </p>
        </div>
        {error && <ErrorNote>{error}</ErrorNote>}
      </section>
      <h2 className="section-title">{t("profile.posts")}</h2>
      <Feed path={`/api/users/${enc(p.handle)}/posts`} empty={t("profile.empty")} label={t("profile.posts")} />
    </div>
  );
}
