"""One writer per output format; each turns a rendered posting into bytes."""
