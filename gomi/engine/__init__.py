"""Pure engines of the gomi app (no Django): the schedule calculator and the 5374 format."""
