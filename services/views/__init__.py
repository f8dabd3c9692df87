"""Pages of the meal service: the staff's (``staff``) and the public's (``public``)."""
