/**
 * The leaderboard: a Javalin server with a JSON API over the store and the static pages in web/. It reads the store
 * and never trains; its only writes are notes and tags, and only when started with {@code serve --allow-notes}.
 */
package dev.lstmtuner.web;
