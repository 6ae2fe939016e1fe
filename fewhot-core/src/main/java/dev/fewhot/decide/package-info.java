/**
 * Decision rules that turn per-label scores into label sets: a global threshold, top-k.
 */
package dev.fewhot.decide;
