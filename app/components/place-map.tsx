import type { LinkDescriptor } from '@remix-run/node'
import { Link } from '@remix-run/react'
import type * as Leaflet from 'leaflet'
import leafletStyles from 'leaflet/dist/leaflet.css'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

export type MapPlace = {
  /** Stable key of the place (an area id, a complaint ticket). */
  id: string
  label: string
  /** Without both, the place is listed but not drawn. */
  lat: number | null
  lng: number | null
  /** Sizes the circle by area (proportional symbols) and is shown in the list; without it a plain point. */
  count?: number
  /** A second line, e.g. "3 being handled". */
  detail?: string
  href?: string
}

/** Leaflet's stylesheet; a route that shows a PlaceMap adds these to its `links`. */
export const placeMapLinks = (): LinkDescriptor[] => [{ rel: 'stylesheet', href: leafletStyles }]

const TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'
const ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
const INK = '#0b4f6c'

type MapState = 'loading' | 'ready' | 'tiles-failed' | 'failed'

/** Text for a Leaflet tooltip as a node, so nothing in it is read as markup. */
function tooltip(text: string) {
  const element = document.createElement('span')
  element.textContent = text
  return element
}

/**
 * Places on an OpenStreetMap map (Leaflet), each a circle sized by its count, and always the same
 * places as a list with their numbers and links. The list is the content: it is what a page
 * without JavaScript shows, what a screen reader and the keyboard use, and what remains when the
 * tiles cannot load (no internet), in which case a note says so. Leaflet touches `window`, so it
 * is imported in the browser only, after hydration. Circle markers need no marker images.
 */
export function PlaceMap({
  places,
  label,
  listLabel = label,
  countLabel = (count) => String(count),
  className,
  list = true,
}: {
  places: MapPlace[]
  /** The accessible name of the map, e.g. "Map of complaints by kecamatan". */
  label: string
  /** The accessible name of the list of places; the map's by default. */
  listLabel?: string
  /** How a count reads in the list and the popups, e.g. 3 -> "3 complaints". */
  countLabel?: (count: number) => string
  className?: string
  /** False where the page already says the place in words (the complaint page): the map alone. */
  list?: boolean
}) {
  const { t } = useTranslation()
  const canvas = useRef<HTMLDivElement>(null)
  // False on the server and until hydration: the page then shows the list alone, no empty box.
  const [hydrated, setHydrated] = useState(false)
  const [state, setState] = useState<MapState>('loading')
  const located = places.filter(
    (p): p is MapPlace & { lat: number; lng: number } => p.lat !== null && p.lng !== null,
  )
  // The effect redraws when what is drawn changes, not when the parent re-renders equal data.
  const drawn = JSON.stringify(located.map((p) => [p.id, p.label, p.lat, p.lng, p.count, p.detail, p.href]))
  const countLabelRef = useRef(countLabel)
  countLabelRef.current = countLabel
  const openLabel = t('placeMap.open')

  useEffect(() => setHydrated(true), [])

  useEffect(() => {
    const element = canvas.current
    const points = JSON.parse(drawn) as [
      string,
      string,
      number,
      number,
      number | undefined,
      string | undefined,
      string | undefined,
    ][]
    if (!element || points.length === 0) return
    setState('loading')
    let map: Leaflet.Map | undefined
    let cancelled = false
    import('leaflet')
      .then((module) => {
        if (cancelled) return
        // The ESM build gives named exports; a CommonJS interop wraps them in `default`.
        const L = ((module as { default?: typeof Leaflet }).default ?? module) as typeof Leaflet
        map = L.map(element, {
          scrollWheelZoom: false,
          // On a phone one finger scrolls the page, not the map; the zoom buttons still work.
          dragging: !L.Browser.mobile,
        })
        let tilesLoaded = false
        L.tileLayer(TILES, { maxZoom: 19, attribution: ATTRIBUTION })
          .on('tileload', () => {
            tilesLoaded = true
            setState('ready')
          })
          .on('tileerror', () => {
            if (!tilesLoaded) setState('tiles-failed')
          })
          .addTo(map)
        const largest = Math.max(1, ...points.map(([, , , , count]) => count ?? 0))
        for (const [, name, lat, lng, count, detail, href] of points) {
          const radius = count === undefined ? 9 : count === 0 ? 4 : 6 + 18 * Math.sqrt(count / largest)
          const popup = document.createElement('div')
          const title = document.createElement('strong')
          title.textContent = name
          popup.append(title)
          for (const line of [count === undefined ? null : countLabelRef.current(count), detail]) {
            if (!line) continue
            popup.append(document.createElement('br'), line)
          }
          if (href) {
            const link = document.createElement('a')
            link.href = href
            link.textContent = openLabel
            popup.append(document.createElement('br'), link)
          }
          L.circleMarker([lat, lng], {
            radius,
            color: INK,
            weight: 2,
            fillColor: INK,
            fillOpacity: count === 0 ? 0.1 : 0.4,
          })
            // A string would be set as HTML: the name may come from a citizen (a WhatsApp place name).
            .bindTooltip(tooltip(count === undefined ? name : `${name}: ${countLabelRef.current(count)}`))
            .bindPopup(popup)
            .addTo(map)
        }
        if (points.length === 1) map.setView([points[0]![2], points[0]![3]], 15)
        else
          map.fitBounds(L.latLngBounds(points.map(([, , lat, lng]) => [lat, lng])), {
            padding: [28, 28],
            maxZoom: 14,
          })
      })
      .catch((error: unknown) => {
        console.error(error)
        if (!cancelled) setState('failed')
      })
    return () => {
      cancelled = true
      map?.remove()
    }
  }, [hydrated, drawn, openLabel])

  const showMap = hydrated && located.length > 0
  const note = !showMap
    ? null
    : state === 'loading'
      ? t('placeMap.loading')
      : state === 'tiles-failed'
        ? t(list ? 'placeMap.tilesFailed' : 'placeMap.tilesFailedNoList')
        : state === 'failed'
          ? t(list ? 'placeMap.failed' : 'placeMap.failedNoList')
          : null
  return (
    <div className={['place-map', className].filter(Boolean).join(' ')}>
      {showMap ? (
        <div role="status">
          {note ? (
            <p className={`place-map-note${state === 'loading' ? '' : ' place-map-note-warn'}`}>{note}</p>
          ) : null}
        </div>
      ) : null}
      {showMap && state !== 'failed' ? (
        <div ref={canvas} className="place-map-canvas" role="region" aria-label={label} />
      ) : null}
      {list ? (
        <ul className="place-list" aria-label={listLabel}>
          {places.map((place) => {
            const name = place.href ? <Link to={place.href}>{place.label}</Link> : place.label
            return (
              <li key={place.id} className={place.count === 0 ? 'place-empty' : undefined}>
                <span className="place-name">
                  {name}
                  {place.detail ? <span className="place-detail">{place.detail}</span> : null}
                  {place.lat === null || place.lng === null ? (
                    <span className="place-detail">{t('placeMap.notOnMap')}</span>
                  ) : null}
                </span>
                {place.count !== undefined ? (
                  <span className="place-count">{countLabel(place.count)}</span>
                ) : null}
              </li>
            )
          })}
        </ul>
      ) : null}
    </div>
  )
}
