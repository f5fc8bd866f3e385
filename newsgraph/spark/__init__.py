"""newsgraph.spark: the pipeline as a Spark job writing Parquet (``newsgraph spark``), and that
Parquet into a store (``newsgraph load``). See docs/spark.md.

Modules: :mod:`~newsgraph.spark.job` (the job; needs the ``spark`` extra, pyspark),
:mod:`~newsgraph.spark.inputs` (what executors read), :mod:`~newsgraph.spark.outputs` (the
tables, pure) and :mod:`~newsgraph.spark.loader` (Parquet into a store; pyarrow only). Nothing is
imported here, so ``newsgraph`` starts as fast without pyspark as with it.
"""

__all__: list[str] = []  # the modules above are the API
