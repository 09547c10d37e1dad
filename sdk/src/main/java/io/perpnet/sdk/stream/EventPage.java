package io.perpnet.sdk.stream;

import java.util.List;

/** {@code GET /v1/events}: events after a sequence number, and the number to ask after next. */
public record EventPage(List<Event> events, long next) {}
