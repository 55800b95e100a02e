import { useEffect, useSyncExternalStore } from "react";
import { Redirect, Route, Switch, useLocation } from "wouter";
import { whenSessionLost } from "./api/client";
import { MeProvider } from "./auth/me";
import { session } from "./auth/session";
import { Layout } from "./components/Layout";
import { ScreenTitle } from "./components/ui";
import { useI18n } from "./i18n";
import { describe } from "./live/describe";
import { NotificationsProvider, useNotifications } from "./live/notifications";
import { ToastProvider, useToast } from "./live/toasts";
import { SignInScreen, SignUpScreen } from "./screens/Auth";
import { HomeScreen } from "./screens/Home";
import { MerchantsScreen } from "./screens/Merchants";
import { CheckoutScreen } from "./screens/Checkout";
import { CampaignScreen, CampaignsScreen } from "./screens/Campaigns";
import { CardScreen, CardsScreen } from "./screens/Cards";
import { CryptoScreen } from "./screens/Crypto";
import { ConversationScreen, InboxScreen } from "./screens/Messages";
import { NotificationsScreen } from "./screens/Notifications";
import { ConfirmPaymentScreen, NewPaymentScreen } from "./screens/Pay";
import { PotScreen, PotsScreen } from "./screens/Pots";
import { BudgetScreen } from "./screens/Budget";
import { EarningsScreen } from "./screens/Earnings";
import { ProfileScreen } from "./screens/Profile";
import { RequestsScreen } from "./screens/Requests";
import { SavingsScreen } from "./screens/Savings";
import { SettingsScreen } from "./screens/Settings";
import { UnlockScreen, UnlocksScreen, UnlockStatsScreen } from "./screens/Unlocks";
import { VaultScreen } from "./screens/Vault";
import { WalletScreen } from "./screens/Wallet";

function useSession() {
  return useSyncExternalStore(session.subscribe, () => session.token());
}

export function App() {
  const token = useSession();
  const [location, navigate] = useLocation();

  useEffect(() => {
    whenSessionLost(() => navigate("/signin?expired=1", { replace: true }));
  }, [navigate]);

  // A new screen starts at the top, like a page load.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location]);

  if (!token) {
    return (
      <ToastProvider>
        <Switch>
          <Route path="/signup" component={SignUpScreen} />
          <Route path="/signin" component={SignInScreen} />
          <Route><Redirect to="/signin" replace /></Route>
        </Switch>
      </ToastProvider>
    );
  }

  return (
    <ToastProvider>
      <MeProvider token={token}>
        <NotificationsProvider token={token}>
          <LiveToasts />
          <Layout>
            <Switch>
              <Route path="/" component={HomeScreen} />
              <Route path="/u/:handle" component={ProfileScreen} />
              <Route path="/messages" component={InboxScreen} />
              <Route path="/messages/:handle" component={ConversationScreen} />
              <Route path="/notifications" component={NotificationsScreen} />
              <Route path="/wallet" component={WalletScreen} />
              <Route path="/cards" component={CardsScreen} />
              <Route path="/cards/:id" component={CardScreen} />
              <Route path="/crypto" component={CryptoScreen} />
              <Route path="/checkout/:id" component={CheckoutScreen} />
              <Route path="/merchants" component={MerchantsScreen} />
              <Route path="/pots" component={PotsScreen} />
              <Route path="/budget" component={BudgetScreen} />
              <Route path="/earnings" component={EarningsScreen} />
              <Route path="/pots/:ref" component={PotScreen} />
              <Route path="/campaigns" component={CampaignsScreen} />
              <Route path="/campaigns/:ref" component={CampaignScreen} />
              <Route path="/requests" component={RequestsScreen} />
              <Route path="/unlocks" component={UnlocksScreen} />
              <Route path="/unlock/:id" component={UnlockScreen} />
              <Route path="/unlock/:id/stats" component={UnlockStatsScreen} />
              <Route path="/pay/new" component={NewPaymentScreen} />
              <Route path="/pay/:id" component={ConfirmPaymentScreen} />
              <Route path="/savings" component={SavingsScreen} />
              <Route path="/savings/:id" component={VaultScreen} />
              <Route path="/settings" component={SettingsScreen} />
              <Route path="/signin"><Redirect to="/" replace /></Route>
              <Route path="/signup"><Redirect to="/" replace /></Route>
              <Route component={NotFound} />
            </Switch>
          </Layout>
        </NotificationsProvider>
      </MeProvider>
    </ToastProvider>
  );
}

/** Every live notification also pops up briefly, wherever the user is (except on the notifications screen). */
function LiveToasts() {
  const i18n = useI18n();
  const { subscribe } = useNotifications();
  const toast = useToast();
  const [location] = useLocation();
  useEffect(() => subscribe((n) => {
    if (location.startsWith("/notifications")) return;
    const d = describe(n, i18n);
    toast({ text: d.text, tone: d.tone, action: d.href && d.action ? { label: i18n.t(d.action), href: d.href } : undefined });
  }), [subscribe, toast, i18n, location]);
  return null;
}

function NotFound() {
  return <div className="column"><ScreenTitle>404</ScreenTitle></div>;
}
