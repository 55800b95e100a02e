package io.piaf.crypto.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.http.HttpService;
import org.web3j.protocol.websocket.WebSocketService;

import io.piaf.crypto.internal.chain.DevChainProcess;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CryptoProperties.class)
class CryptoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CryptoConfiguration.class);

    /** The node: the configured URL (HTTP or WebSocket), or the dev chain started now. Closed with the context. */
    static final class Node implements DisposableBean {
        final Chain chain;
        final String url;
        private final Web3j web3j;
        private final DevChainProcess devChain;

        Node(CryptoProperties properties) throws IOException {
            var settings = properties.chain();
            this.devChain = settings.dev()
                    ? DevChainProcess.acquire(ganacheHome(settings), settings.dataDir(), settings.chainId(), settings.clean(), settings.blockTime())
                    : null;
            this.url = devChain != null ? devChain.url() : settings.url().strip();
            Web3jService service;
            if (url.startsWith("ws://") || url.startsWith("wss://")) {
                var ws = new WebSocketService(url, false);
                ws.connect();
                service = ws;
            } else {
                // OkHttp runs at most 5 asynchronous calls per host by default; Piaf's calls queued behind each
                // other timed out under concurrent confirmations.
                var dispatcher = new okhttp3.Dispatcher();
                dispatcher.setMaxRequests(128);
                dispatcher.setMaxRequestsPerHost(64);
                // Read timeout above Piaf's own per-call timeout: a busy dev chain answers late rather than never.
                var read = settings.timeout().multipliedBy(3);
                service = new HttpService(url, new okhttp3.OkHttpClient.Builder().dispatcher(dispatcher)
                        .readTimeout(read).writeTimeout(read)
                        .connectionPool(new okhttp3.ConnectionPool(32, 5, java.util.concurrent.TimeUnit.MINUTES)).build());
            }
            // web3j polls every 15 s by default (mainnet block time); a dev chain mines at once.
            this.web3j = Web3j.build(service, properties.pollInterval().toMillis(), Executors.newScheduledThreadPool(1));
            long chainId;
            if (devChain != null) {
                chainId = settings.chainId();
            } else {
                var shown = url.replaceAll("//[^@/]*@", "//***@");
                try {
                    chainId = web3j.ethChainId().sendAsync().get(5, java.util.concurrent.TimeUnit.SECONDS).getChainId().longValueExact();
                    log.info("Using the chain at {} (chain id {})", shown, chainId);
                } catch (Exception e) {
                    // Piaf starts anyway: the crypto API answers 503 chain_unavailable until the node answers.
                    chainId = settings.chainId();
                    log.warn("The chain at {} does not answer ({}); assuming chain id {} until it does", shown, e.toString(), chainId);
                }
            }
            this.chain = new Chain(web3j, chainId, settings.timeout(), properties.pollInterval().multipliedBy(5));
        }

        @Override
        public void destroy() {
            web3j.shutdown();
            if (devChain != null) {
                devChain.release();
            }
        }

        private static Path ganacheHome(CryptoProperties.Chain settings) throws IOException {
            if (settings.ganacheHome() != null && !settings.ganacheHome().isBlank()) {
                return Path.of(settings.ganacheHome());
            }
            var built = new Properties();
            try (var in = CryptoConfiguration.class.getResourceAsStream("/META-INF/piaf/dev-chain.properties")) {
                if (in != null) {
                    built.load(in);
                }
            }
            return Path.of(built.getProperty("home", "crypto/chain"));
        }
    }

    @Bean
    Node cryptoNode(CryptoProperties properties) throws IOException {
        return new Node(properties);
    }

    @Bean
    Chain chain(Node node) {
        return node.chain;
    }
}
