sed -i 's/^enabled=true$/enabled=false/' conf/jmap.properties
