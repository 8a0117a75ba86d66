/**
 * The read-only leaderboard: a Javalin server with a JSON API over the store and the static pages in web/. It reads the store and never trains.
 */
package dev.lstmtuner.web;
