"""Native code the engine loads when it was built (``make install``), with pure fallbacks.

Only one piece: the CP932 decoder (``cp932.c``, loaded by ``tabular.engine.native.cp932``).
Nothing here is required: without a C compiler the engine decodes CP932 with glibc's iconv
or Python's codecs and gives the same text.
"""
