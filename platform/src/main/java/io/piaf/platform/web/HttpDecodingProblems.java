package io.piaf.platform.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Problems found below Spring get problem+json too. reactor-netty answers a request line too long (414), headers
 * too large (431) or an undecodable request (400) itself, with an empty body; and Spring's adapter answers a bare 400
 * when the request target is not a valid URI (malformed percent-encoding such as {@code ?cursor=%%%}). A handler
 * placed between Netty's HTTP decoder and reactor-netty answers those first, in the same shape as every other
 * error, and closes the connection (what follows on it cannot be trusted).
 */
@Component
class HttpDecodingProblems implements NettyServerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(HttpDecodingProblems.class);

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, address) -> {
            var pipeline = channel.pipeline();
            if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
                pipeline.addBefore(NettyPipeline.HttpTrafficHandler, "piafHttpDecodingProblems", new Handler());
            }
        });
    }

    private static final class Handler extends ChannelInboundHandlerAdapter {

        private boolean discarding;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                var problem = problemOf(request);
                if (problem != null) {
                    ReferenceCountUtil.release(msg);
                    discarding = true;
                    respond(ctx, problem);
                    return;
                }
            }
            if (discarding && msg instanceof HttpContent) {
                ReferenceCountUtil.release(msg);
                return;
            }
            ctx.fireChannelRead(msg);
        }

        private static Problem problemOf(HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                var cause = request.decoderResult().cause();
                log.debug("Undecodable request: {}", cause.toString());
                return switch (cause) {
                    case TooLongHttpLineException e -> new Problem(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri_too_long",
                            "The request line is too long.");
                    case TooLongHttpHeaderException e -> new Problem(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                            "headers_too_large", "The request headers are too large.");
                    default -> new Problem(HttpResponseStatus.BAD_REQUEST, "malformed_request", "The request could not be read.");
                };
            }
            try {
                new URI(request.uri());
                return null;
            } catch (URISyntaxException e) {
                return new Problem(HttpResponseStatus.BAD_REQUEST, "rejected_request",
                        "The request was refused: its URL is not valid (e.g. a % not followed by two hexadecimal digits).");
            }
        }

        private static void respond(ChannelHandlerContext ctx, Problem problem) {
            var body = ("{\"type\":\"urn:piaf:problem:" + problem.code() + "\",\"title\":\"" + problem.status().reasonPhrase()
                    + "\",\"status\":" + problem.status().code() + ",\"detail\":\"" + problem.detail() + "\",\"code\":\""
                    + problem.code() + "\"}").getBytes(StandardCharsets.UTF_8);
            var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, problem.status(), Unpooled.wrappedBuffer(body));
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private record Problem(HttpResponseStatus status, String code, String detail) {
    }
}
