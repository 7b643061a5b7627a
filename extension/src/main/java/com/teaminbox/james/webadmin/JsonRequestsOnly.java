package com.teaminbox.james.webadmin;

import java.util.Locale;
import java.util.Optional;

import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.ErrorResponder.ErrorType;
import org.eclipse.jetty.http.HttpStatus;

import spark.Route;

/**
 * Our routes that change something answer only requests declaring {@code Content-Type: application/json}.
 * A browser lets any web page post a form to {@code http://127.0.0.1:8000/…} without asking
 * anyone, but only with {@code application/x-www-form-urlencoded}, {@code multipart/form-data} or
 * {@code text/plain} (the "simple" requests of the Fetch standard, section 3.2.3, CORS-safelisted
 * request-header); a page that wants {@code application/json} must first pass a CORS preflight,
 * which WebAdmin refuses unless {@code cors.enable=true}. So a reload or a retention run cannot be
 * set off by a page an administrator happens to visit. Refused requests get
 * {@code 415 Unsupported Media Type} before the route runs:
 * <pre>{@code
 * curl -XPOST -H 'Content-Type: application/json' http://127.0.0.1:8000/shared-mailboxes/reload
 * }</pre>
 */
final class JsonRequestsOnly {
    static final String JSON = "application/json";

    private JsonRequestsOnly() {
    }

    static Route guard(Route route) {
        return (request, response) -> {
            if (!isJson(Optional.ofNullable(request.contentType()))) {
                throw ErrorResponder.builder()
                    .statusCode(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415)
                    .type(ErrorType.INVALID_ARGUMENT)
                    .message("%s %s needs 'Content-Type: %s' (found '%s'): a cross-site form cannot send it",
                        request.requestMethod(), request.pathInfo(), JSON, request.contentType() == null ? "" : request.contentType())
                    .haltError();
            }
            return route.handle(request, response);
        };
    }

    /** {@code application/json}, any case, with or without parameters such as {@code charset=utf-8}. */
    static boolean isJson(Optional<String> contentType) {
        return contentType.map(value -> {
            int semicolon = value.indexOf(';');
            return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        }).filter(JSON::equals).isPresent();
    }
}
