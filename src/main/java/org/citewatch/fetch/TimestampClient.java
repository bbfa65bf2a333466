package org.citewatch.fetch;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Asks an RFC 3161 time-stamp authority (settings.timestamp_authority) for a token, over HTTP as
 * RFC 3161 section 3.4 describes: the DER request POSTed as application/timestamp-query, the
 * answer an application/timestamp-reply checked against the request (imprint, nonce) before it is
 * kept.
 */
public final class TimestampClient {

  private static final MediaType QUERY = MediaType.get("application/timestamp-query");
  private static final int MAX_REPLY = 1024 * 1024;

  private final OkHttpClient client;
  private final String userAgent;

  public TimestampClient(Duration timeout, String userAgent) {
    this.client = new OkHttpClient.Builder().callTimeout(timeout).connectTimeout(timeout).readTimeout(timeout)
        .followRedirects(false).build();
    this.userAgent = userAgent;
  }

  /** The DER token the authority granted for the request. @throws IOException saying why there is none */
  public byte[] stamp(URI authority, TimeStampRequest request) throws IOException {
    Request http = new Request.Builder().url(authority.toString()).header("User-Agent", userAgent)
        .post(RequestBody.create(request.getEncoded(), QUERY)).build();
    try (Response response = client.newCall(http).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful() || body == null) {
        throw new IOException("HTTP " + response.code() + " " + response.message());
      }
      BufferedSource source = body.source();
      source.request(MAX_REPLY + 1L);
      if (source.getBuffer().size() > MAX_REPLY) {
        throw new IOException("a reply of over " + MAX_REPLY + " bytes is not a time-stamp reply");
      }
      byte[] bytes = source.getBuffer().readByteArray();
      TimeStampResponse reply = new TimeStampResponse(bytes);
      reply.validate(request);
      TimeStampToken token = reply.getTimeStampToken();
      if (token == null) {
        throw new IOException("the authority granted no token: " + reply.getStatusString());
      }
      return token.getEncoded();
    } catch (TSPException | RuntimeException e) {
      throw new IOException("not a valid time-stamp reply: " + e.getMessage(), e);
    }
  }
}
