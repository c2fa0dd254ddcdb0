package dev.gantry.bench;

import java.util.List;

/** One of the benchmark's figures: measures Gantry and its baseline in this run and returns the rows. */
interface Figure {

  /** "1" to "8", as numbered in bench/README.md. */
  String number();

  String title();

  List<Row> measure(BenchContext bench) throws Exception;
}
