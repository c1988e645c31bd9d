console.log('basemap: placeholder')
