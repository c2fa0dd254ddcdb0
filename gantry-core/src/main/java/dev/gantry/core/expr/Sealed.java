package dev.gantry.core.expr;

/**
 * A value an expression may place into text but not look into (a secret): it renders as
 * {@code text} (a reference the caller replaces later), equals only itself, and every operator
 * and function refuses it, so no expression can compute with it, compare it or print a part of it.
 */
public record Sealed(String text) {}
